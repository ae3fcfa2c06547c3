/**
 * The simulated shop of scenario 3: views, add-to-cart and purchases refine real-time
 * personalisation, and revenue uplift is attributed to the model versions that caused it. Contract:
 * <ul>
 *   <li>{@link dev.flywheel.sim.shop.ShopWorld#generate} is deterministic: the same
 *       {@link dev.flywheel.sim.shop.ShopConfig} gives the same products, shoppers and
 *       bought-together structure. The only state that moves is each shopper's most recent
 *       purchase, whose complements attract them on later visits.</li>
 *   <li>Behaviour is slot-independent — examined (position) → viewed (taste, category affinity,
 *       complement boost) → added to cart (price sensitivity) → bought — so
 *       {@link dev.flywheel.sim.shop.ShopWorld#expectedRevenue} is exact and
 *       {@link dev.flywheel.sim.shop.ShopWorld#oracleSlate} is the true best slate. Sampling draws
 *       a fixed number of uniforms per slot, for common random numbers.</li>
 *   <li>{@link dev.flywheel.sim.shop.ShopRun} reaches the engine only through
 *       {@link dev.flywheel.sim.client.FlywheelClient}: it posts the catalogue once, asks
 *       {@code decide} per session and posts {@code click} (a product view), {@code add_to_cart} and
 *       {@code purchase} events (value = price) with the decision id, within the reaction window.
 *       Any refusal by the engine fails the run; nothing is silently skipped. The loop must accept
 *       the custom event type {@code view}.</li>
 *   <li>{@link dev.flywheel.sim.shop.ShopTruth} measures each version's true uplift (vs the
 *       version it challenged, vs the holdout's baseline) in expected revenue per decision, from
 *       unlogged previews, so measuring does not feed the engine.</li>
 * </ul>
 */
package dev.flywheel.sim.shop;

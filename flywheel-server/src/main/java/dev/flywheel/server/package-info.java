/**
 * The HTTP API (JSON under {@code /v1}, OpenAPI at {@code /v1/openapi.json}), {@code /metrics} and
 * {@code /health}. Contract: every endpoint but health needs a bearer key with the right scope;
 * client mistakes are 4xx answers naming the field; a 200 on an ingest endpoint means durable;
 * exceptions become answers only in {@link dev.flywheel.server.ApiErrors}.
 */
package dev.flywheel.server;

/**
 * API keys and their scopes. Contract: secrets are never stored, only their SHA-256; a key allows a
 * scope when it holds it or holds {@code admin}; a revoked key allows nothing.
 */
package dev.flywheel.auth;

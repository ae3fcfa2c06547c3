/**
 * The HTTP API (JSON under {@code /v1}, OpenAPI at {@code /v1/openapi.json}), {@code /metrics} and
 * {@code /health}, and the alert webhook. Contract: every endpoint but health needs a bearer key with
 * the right scope; client mistakes are 4xx answers naming the field; a 200 on an ingest endpoint means
 * durable; exceptions become answers only in {@link dev.flywheel.server.ApiErrors}. The webhook
 * ({@link dev.flywheel.server.WebhookDelivery}) never makes the log runner wait, holds a bounded queue,
 * sends an alert with the fields {@code GET /v1/alerts} shows, and once closed has counted every alert
 * it was given as delivered, failed or dropped. A server that runs no stream operators (they run in the
 * Flink job) shows them through {@link dev.flywheel.server.NoLocalOperators}.
 */
package dev.flywheel.server;

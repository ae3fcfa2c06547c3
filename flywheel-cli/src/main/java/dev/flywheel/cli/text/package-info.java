/**
 * Text models that run inside the engine's process: {@link dev.flywheel.cli.text.MiniLmTextEmbedder},
 * core's {@link dev.flywheel.quality.TextEmbedder} on the quantised all-MiniLM-L6-v2 (384 dimensions,
 * shipped inside its jar, nothing downloaded at run time), for embedding drift of request and item
 * texts. Here rather than in core because it brings ONNX Runtime and a native tokenizer.
 */
package dev.flywheel.cli.text;

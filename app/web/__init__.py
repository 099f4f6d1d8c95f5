"""The HTTP server around the Gradio page: hardening middleware, client identity, the HTTP API (docs/security.md)."""

"""The web app (Gradio): build_ui(service, public) -> gr.Blocks and serve(service, host, port, public)."""

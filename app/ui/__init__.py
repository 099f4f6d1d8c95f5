"""The web page (Gradio): build_ui(service, public) -> gr.Blocks; served by app.web.server."""

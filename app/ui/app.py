"""Assembles the Gradio page: 问答 and 法规浏览 for everyone; 管理 and 培训工具 on the staff page.

    build_ui(service, public) -> gr.Blocks
    prepare(service, public) -> the page with its bounded queue
    launch_options(settings, public) -> theme, limits and login for launch() / mount_gradio_app()

`lawdesk serve` runs the page inside app.web.server (guard middleware, HTTP API); prepare + demo.launch is the
bare page, for tests that launch Gradio directly.
"""
import logging
from typing import Any

import gradio as gr

from app import render
from app.feedback import FeedbackStore
from app.gates import PublicGates
from app.ratelimit import SlidingWindowLimiter
from app.ui import style
from app.ui.callbacks import AUDIENCES, ChatCallbacks, Session, client_key
from app.ui.tempfiles import discard_uploads
from app.ui.training_tab import build_training_tab
from app.ui.views import AdminCallbacks, BrowserCallbacks
from app.training import law_titles

log = logging.getLogger("lawdesk.ui")
CONCURRENCY = 8  # numpy and Chroma release the GIL: a few questions overlap usefully on 2 cores
UPLOAD_CACHE = (900, 3600)  # Gradio deletes uploaded temp files older than an hour, checking every 15 minutes


def build_ui(service, public: bool = False, store: FeedbackStore | None = None,
             limiter: SlidingWindowLimiter | None = None, gates: PublicGates | None = None) -> gr.Blocks:
    store = store or FeedbackStore(service.settings.feedback_path)
    chat = ChatCallbacks(service, store, public, limiter, gates)
    with gr.Blocks(title=service.scope.title, analytics_enabled=False,
                   delete_cache=None if public else UPLOAD_CACHE) as demo:
        header = gr.HTML(chat.header())
        if public:
            gr.HTML(render.disclaimer_html())
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                _chat_tab(chat, public)
            with gr.Tab("法规浏览", id="browse"):
                browser = BrowserCallbacks(service)
                pick = _browser_tab(browser, chat.gates if public else None)
            if not public:
                with gr.Tab("管理", id="admin") as admin_tab:
                    _admin_tab(AdminCallbacks(service, store), chat, header, admin_tab)
                with gr.Tab("培训工具", id="training"):
                    laws = build_training_tab(lambda: service.chunks)
        # every page load shows the generation being served now: a build elsewhere needs no restart
        demo.load(chat.header, outputs=header, api_visibility="private")
        demo.load(lambda: gr.Dropdown(choices=browser.choices()), outputs=pick, api_visibility="private")
        if not public:
            demo.load(lambda: gr.Dropdown(choices=law_titles(service.chunks)), outputs=laws, api_visibility="private")
    return demo


def _chat_tab(cb: ChatCallbacks, public: bool) -> None:
    session = gr.State(Session())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            audience: gr.State | gr.Radio
            if public:
                audience = gr.State("群众")
            else:
                audience = gr.Radio(list(AUDIENCES), value="工作人员", label="提问身份",
                                    info="回答的措辞随身份调整，依据相同")
            chatbot = gr.Chatbot(
                label="对话", height=480, buttons=["copy", "copy_all"], sanitize_html=True,
                render_markdown=True, latex_delimiters=[], allow_tags=False, feedback_options=None,
                elem_id="ld-chat", placeholder="请在下方输入问题，或点击示例问题。回答中的 [1] 可点击查看原文。")
            with gr.Row(equal_height=True):
                question = gr.Textbox(show_label=False, placeholder="请输入您的问题……", lines=1,
                                      max_lines=5, scale=5, min_width=200, elem_id="ld-question")
                send = gr.Button("提问", variant="primary", scale=1, min_width=72, elem_id="ld-send")
            notice = gr.HTML(elem_id="ld-notice")  # right under the box: limits and errors are seen where one types
            examples = gr.Dataset(components=[question], samples=cb.examples("群众" if public else "工作人员"),
                                  label="示例问题", elem_id="ld-examples")
            with gr.Row():
                up = gr.Button("👍 有帮助", size="sm", min_width=80)
                down = gr.Button("👎 没帮助", size="sm", min_width=80)
                clear = gr.Button("清空对话", size="sm", min_width=80)
            comment = gr.Textbox(label="补充意见（可选，点 👍/👎 时一并提交）", lines=1, max_lines=3)
        with gr.Column(scale=2, min_width=320):
            gr.Markdown("#### 依据原文")
            sources = gr.HTML(render.sources_panel([]), elem_id="ld-sources")

    def ask(q, sess, aud, request: gr.Request):
        yield from cb.ask(q, sess, aud, request)

    io: dict[str, Any] = dict(fn=ask, inputs=[question, session, audience],
              outputs=[question, chatbot, session, sources, notice], show_progress="minimal")
    send.click(**io, api_name="ask", api_visibility="undocumented" if public else "public")
    question.submit(**io, api_visibility="private")
    examples.click(lambda sample: sample[0], inputs=examples, outputs=question,
                   api_visibility="private").then(**io, api_visibility="private")
    if not public:
        audience.change(lambda a: gr.Dataset(samples=cb.examples(a)), inputs=audience, outputs=examples,
                        api_visibility="private")

    def voter(rating: str):
        def vote(c, s, request: gr.Request):
            return cb.vote(rating, c, s, request)
        return vote

    for button, rating in ((up, "up"), (down, "down")):
        button.click(voter(rating), inputs=[comment, session], outputs=[comment, notice],
                     api_visibility="private")
    for event in (clear.click, chatbot.clear):
        event(cb.clear, outputs=[chatbot, session, sources, notice], api_visibility="private")


def _browser_tab(cb: BrowserCallbacks, gates: PublicGates | None = None) -> gr.Dropdown:
    with gr.Accordion("收录的法律法规和工作报告", open=False):
        gr.HTML(cb.overview())
    with gr.Row(equal_height=True):
        ref = gr.Textbox(label="按条文或章节跳转",
                         placeholder="例如：土地管理法第47条、行政复议法(2017)第九条、宪法第十条、报告 一、（四）2",
                         scale=4, min_width=200, elem_id="ld-ref")
        go = gr.Button("跳转", scale=1, min_width=72, elem_id="ld-go")
    with gr.Row(equal_height=True):
        pick = gr.Dropdown(choices=cb.choices(), value=None, label="选择法规或工作报告", elem_id="ld-pick",
                           scale=4, min_width=200)
        section = gr.Textbox(label="工作报告章节", placeholder="例如：一、（四）2", scale=2, min_width=140,
                             elem_id="ld-section")
    notice = gr.HTML(elem_id="ld-browse-notice")
    toc = gr.HTML(elem_id="ld-toc")
    view = gr.HTML(elem_id="ld-doc-view")
    pick.input(cb.show, inputs=pick, outputs=[view, notice], api_visibility="private").then(
        cb.toc, inputs=pick, outputs=toc, api_visibility="private")

    def found(fn):
        def run(text, request: gr.Request):  # the choices are refreshed too: new uploads are listed
            refusal = gates.lookup(client_key(request)) if gates else None
            if refusal:
                return gr.Dropdown(choices=cb.choices(), value=None), "", render.notices_html([refusal.message])
            key, doc, message = fn(text)
            return gr.Dropdown(choices=cb.choices(), value=key), doc, message
        run.__name__ = fn.__name__  # the event keeps the callback's name ("jump", "section")
        return run

    for event, fn, box in ((go.click, cb.jump, ref), (ref.submit, cb.jump, ref), (section.submit, cb.section, section)):
        event(found(fn), inputs=box, outputs=[pick, view, notice], api_visibility="private").then(
            cb.toc, inputs=pick, outputs=toc, api_visibility="private").then(None, js=style.SCROLL_TO_TARGET)
    return pick


def _admin_tab(cb: AdminCallbacks, chat: ChatCallbacks, header: gr.HTML, tab: gr.Tab) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(min_width=320):
            gr.Markdown("#### 知识库")
            stats = gr.HTML(cb.stats())
            # no file_types: Gradio would turn a wrong type away in English; the callback says it in Chinese
            files = gr.File(label="上传文件（txt / md / docx / pdf）", file_count="multiple")
            with gr.Row():
                add = gr.Button("添加到知识库", min_width=100)
                rebuild = gr.Button("重新建立索引", variant="primary", min_width=100)
            status = gr.HTML()
            gr.Markdown("#### 已上传的文件")
            listing, names = cb.uploads()
            uploads = gr.HTML(listing, elem_id="ld-uploads")
            with gr.Row(equal_height=True):
                chosen = gr.Dropdown(choices=names, value=None, label="选择文件", scale=3, min_width=160)
                delete = gr.Button("删除所选文件", variant="stop", scale=1, min_width=100)
            with gr.Row(visible=False) as confirm_row:
                confirm = gr.Button("确认删除并重新建立索引", variant="stop", min_width=100)
                cancel = gr.Button("取消", min_width=80)
            delete_status = gr.HTML()  # next to the delete buttons, where the question and the result are read
        with gr.Column(min_width=320):
            gr.Markdown("#### 知识库缺口（未能回答或被点踩的问题）")
            gaps = gr.HTML()
            gr.Markdown("#### 最近的反馈")
            recent = gr.HTML()
            refresh = gr.Button("刷新反馈记录", size="sm")

    def do_rebuild(progress=gr.Progress()):  # noqa: B008 (Gradio injects progress by this default)
        return cb.rebuild(progress)

    def refresh_uploads():
        table, choices = cb.uploads()
        return table, gr.Dropdown(choices=choices, value=None)

    def ask(name):
        message, show = cb.ask_delete(name)
        return message, gr.Row(visible=show)  # the delete waits for 确认删除

    def do_delete(name, progress=gr.Progress()):  # noqa: B008 (Gradio injects progress through the default)
        message, kb, table, choices = cb.delete(name, progress)
        return message, kb, table, gr.Dropdown(choices=choices, value=None), gr.Row(visible=False)

    private: dict[str, Any] = {"api_visibility": "private"}
    def upload(paths):
        try:
            return cb.upload(paths)
        finally:
            discard_uploads(paths)  # the documents were copied (or refused): Gradio's temp copies go

    add.click(upload, inputs=files, outputs=[status, stats], **private).then(
        refresh_uploads, outputs=[uploads, chosen], **private)
    rebuild.click(do_rebuild, outputs=[status, stats], **private).then(
        chat.header, outputs=header, **private).then(refresh_uploads, outputs=[uploads, chosen], **private)
    delete.click(ask, inputs=chosen, outputs=[delete_status, confirm_row], **private)
    cancel.click(lambda: ("", gr.Row(visible=False)), outputs=[delete_status, confirm_row], **private)
    confirm.click(do_delete, inputs=chosen, outputs=[delete_status, stats, uploads, chosen, confirm_row],
                  **private).then(
        chat.header, outputs=header, **private)
    for event in (refresh.click, tab.select):
        event(cb.feedback, outputs=[gaps, recent], **private)
    tab.select(refresh_uploads, outputs=[uploads, chosen], **private)


def launch_options(settings, public: bool) -> dict:
    """Everything launch() needs besides host and port. The public page takes no uploads at all (its server
    has no upload route; 1 byte here in case the page is launched bare)."""
    opts = dict(theme=style.theme(), css=style.CSS, js=style.JS, show_error=not public, ssr_mode=False,
                footer_links=[] if public else None,
                max_file_size=1 if public else f"{settings.max_upload_mb}mb", run_history=False)
    logins = settings.staff_logins()
    if logins and not public:
        opts.update(auth=logins, auth_message="请使用工作人员账号登录")
    return opts


def prepare(service, public: bool, **kw) -> gr.Blocks:
    """The page with its bounded queue, ready to launch."""
    demo = build_ui(service, public, **kw)
    return demo.queue(max_size=service.settings.public_queue_size, default_concurrency_limit=CONCURRENCY)


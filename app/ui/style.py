"""Theme, CSS and page script: a clean Chinese page that stays readable at phone width (390 px)."""
import gradio as gr

FONTS = ["system-ui", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "sans-serif"]


def theme() -> gr.themes.Base:
    # Font names only (no GoogleFont): the page loads nothing from the internet.
    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=FONTS,
                          font_mono=["ui-monospace", "Menlo", "monospace"])


CSS = """
.gradio-container { max-width: 1200px !important; margin: 0 auto; }
.ld-header h1 { font-size: 1.45rem; margin: .2rem 0 .3rem; }
.ld-header .ld-sub { color: var(--body-text-color-subdued); font-size: .92rem; line-height: 1.5; }
.ld-disclaimer { background: #fff7e6; border: 1px solid #f5c26b; color: #7a4b00; border-radius: 8px;
  padding: .55rem .8rem; font-size: .9rem; line-height: 1.5; }
.ld-notice { background: #eef4ff; border-left: 4px solid #3b6fd8; padding: .45rem .7rem; margin: .3rem 0;
  border-radius: 4px; font-size: .93rem; }
.ld-sources { max-height: 640px; overflow-y: auto; padding-right: .3rem; }
.ld-turn { border-bottom: 1px solid var(--border-color-primary); padding: .4rem 0 .6rem; }
.ld-q { font-weight: 600; margin-bottom: .2rem; }
.ld-mode, .ld-ver, .ld-path, .ld-muted { color: var(--body-text-color-subdued); font-size: .85rem; }
.ld-cites { padding-left: 0; list-style: none; margin: .3rem 0; }
.ld-cite { margin: .5rem 0; padding: .5rem .6rem; border: 1px solid var(--border-color-primary);
  border-radius: 8px; scroll-margin-top: 1rem; }
.ld-cite.ld-flash, .ld-flash { outline: 3px solid #f5c26b; }
.ld-n { font-weight: 700; color: #3b6fd8; margin-right: .3rem; }
.ld-title { font-weight: 600; }
.ld-cite blockquote { margin: .4rem 0; padding: .3rem .6rem; border-left: 3px solid #c9d6ee;
  line-height: 1.7; }
.ld-cite mark, .ld-doc mark { background: #ffe58a; padding: 0 .1em; }
.ld-cite details summary { cursor: pointer; color: #3b6fd8; font-size: .9rem; }
.ld-full { background: var(--background-fill-secondary); padding: .4rem .6rem; border-radius: 6px; }
.ld-ctx { line-height: 1.7; margin: .3rem 0; }
.ld-focus { background: #fff8d6; }
.ld-subhead { font-weight: 600; margin-top: .4rem; }
.ld-doc { max-height: 70vh; overflow-y: auto; line-height: 1.75; }
.ld-doc-title { font-size: 1.15rem; font-weight: 700; }
.ld-h { font-weight: 700; margin: .8rem 0 .2rem; }
.ld-h1 { font-size: 1.05rem; } .ld-h2 { font-size: 1rem; } .ld-h3 { font-size: .95rem; }
.ld-art { margin: .35rem 0; scroll-margin-top: 1rem; }
.ld-target { background: #fff2b3; border-radius: 4px; padding: .2rem .3rem; }
.ld-sec { color: #3b6fd8; font-size: .85rem; }
a.ld-xref { color: #1d4fb8; text-decoration: underline dotted; text-underline-offset: 2px; cursor: pointer; }
.ld-kuan { scroll-margin-top: 1rem; } .ld-ktarget { background: #ffe58a; border-radius: 3px; }
.ld-h { scroll-margin-top: 1rem; }
.ld-toc { margin: .3rem 0 .6rem; } .ld-toc summary { cursor: pointer; font-weight: 600; }
.ld-toc ul { list-style: none; padding-left: .4rem; margin: .2rem 0; line-height: 1.8; }
.ld-toc2 { padding-left: 1.2rem; } .ld-toc3 { padding-left: 2.4rem; font-size: .92rem; }
.ld-uploads td { word-break: break-all; }
.ld-diff table { width: 100%; border-collapse: collapse; margin: .4rem 0; }
.ld-diff td, .ld-diff th { border: 1px solid var(--border-color-primary); padding: .3rem .5rem; vertical-align: top;
  line-height: 1.7; }
.ld-diff ins, .ld-doc ins { background: #dafbe1; text-decoration: none; border-bottom: 2px solid #2da44e; }
.ld-diff del, .ld-doc del { background: #ffebe9; color: #82071e; }
.ld-overview details { margin: .2rem 0; } .ld-overview summary { cursor: pointer; font-weight: 600; }
.ld-stats th, .ld-fb th { text-align: left; padding-right: 1rem; }
.ld-fb { width: 100%; font-size: .88rem; } .ld-fb td { vertical-align: top; padding: .2rem .4rem; }
#ld-notice:empty, #ld-notice .prose:empty { display: none; }
/* A phone (390 x 844) shows the header, the disclaimer, the tabs, a short conversation and the question box on
   the first screen; the conversation grows with the page as it fills. */
@media (max-width: 480px) {
  .ld-header h1 { font-size: 1.1rem; margin: 0 0 .15rem; }
  .ld-header .ld-sub { font-size: .78rem; line-height: 1.4; }
  .ld-disclaimer { font-size: .78rem; padding: .35rem .55rem; line-height: 1.4; }
  .ld-sources, .ld-doc { max-height: none; }
  .gradio-container { padding: 0 6px !important; }
  #ld-chat { height: 30vh !important; min-height: 220px; }
}
"""

# Clicking [n] in an answer scrolls to the cited passage and opens it; works wherever Gradio renders the link.
# A cross-reference (a.ld-xref) scrolls to its article or 款 when the page shows it; otherwise it opens the
# 法规浏览 tab and looks the reference up there (data-ref holds it as the lookup box reads it).
JS = """
() => {
  const flash = (el) => {
    el.scrollIntoView({behavior: 'smooth', block: 'start'});
    el.classList.add('ld-flash'); setTimeout(() => el.classList.remove('ld-flash'), 1800);
  };
  const lookUp = (ref) => {
    const tab = [...document.querySelectorAll('button[role="tab"]')].find(b => b.textContent.trim() === '法规浏览');
    if (tab) tab.click();
    setTimeout(() => {
      const box = document.querySelector('#ld-ref textarea, #ld-ref input');
      const go = document.querySelector('#ld-go');
      if (!box || !go) return;
      box.value = ref; box.dispatchEvent(new Event('input', {bubbles: true}));
      setTimeout(() => go.click(), 100);
    }, 300);
  };
  // notices are a live region: a screen reader reads a rate-limit or length notice out as it appears
  const live = () => ['ld-notice', 'ld-browse-notice'].forEach((id) => {
    const el = document.getElementById(id);
    if (el && !el.hasAttribute('aria-live')) { el.setAttribute('role', 'status'); el.setAttribute('aria-live', 'polite'); }
  });
  live(); new MutationObserver(live).observe(document.body, {childList: true, subtree: true});
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('a[href^="#src-"], a.ld-xref');
    if (!a) return;
    ev.preventDefault(); ev.stopPropagation();
    const el = document.getElementById(a.getAttribute('href').slice(1));
    if (el && el.offsetParent !== null) { flash(el); return; }
    if (a.dataset.ref) lookUp(a.dataset.ref);
  }, true);
}
"""

SCROLL_TO_TARGET = "() => { setTimeout(() => document.querySelector('.ld-target')?.scrollIntoView({block: 'center'}), 50); }"

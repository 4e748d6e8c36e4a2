"""The integration guide (docs/integration.md) as a page beside the API docs: /docs/integration.
Rendered once, with the page's own style and nothing loaded from elsewhere (government intranets
are offline)."""

from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt

from app.core.config import REPO_DIR

GUIDE = REPO_DIR / "docs" / "integration.md"
STYLE = """
body { max-width: 920px; margin: 0 auto; padding: 24px 20px 64px; color: #1f2328;
  font: 15px/1.7 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 8px; }
h2 { font-size: 21px; margin-top: 36px; border-bottom: 1px solid #eaeef2; padding-bottom: 4px; }
code, pre { font-family: "Noto Sans Mono CJK SC", Menlo, Consolas, monospace; font-size: 13px; }
code { background: #eff2f5; padding: 1px 5px; border-radius: 4px; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 12px 0; }
th, td { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
nav { font-size: 14px; margin-bottom: 8px; }
"""


@lru_cache(maxsize=1)
def page() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"linkify": False}).enable("table").render(text)
    title = escape(text.splitlines()[0].lstrip("# ").strip())
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f'<nav><a href="/docs">接口文档（Swagger UI）</a> · <a href="/redoc">阅读版（ReDoc）</a>'
        f' · <a href="/openapi.json">openapi.json</a></nav>{body}</body></html>'
    )

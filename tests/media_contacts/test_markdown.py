from media_contacts.markdown import render_markdown


def test_markdown_keeps_the_allowed_formatting():
    html = render_markdown("## Heading\n\nSome **bold** and *italic* text.\n\n- one\n- two")

    assert html == (
        "<h2>Heading</h2>\n<p>Some <strong>bold</strong> and <em>italic</em> text.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_markdown_links_get_rel_noopener_noreferrer():
    html = render_markdown('[C40](https://www.c40.org "C40 Cities")')

    assert html == (
        '<p><a href="https://www.c40.org" title="C40 Cities" rel="noopener noreferrer">C40</a></p>'
    )


def test_markdown_removes_script_tags_and_their_content():
    html = render_markdown("Before\n\n<script>alert(1)</script>\n\nAfter")

    assert "<script" not in html
    assert "alert(1)" not in html
    assert "<p>Before</p>" in html
    assert "<p>After</p>" in html


def test_markdown_drops_javascript_urls():
    html = render_markdown("[click](javascript:alert(1)) and [data](data:text/html,hi)")

    assert "javascript:" not in html
    assert "data:" not in html
    assert html == (
        '<p><a rel="noopener noreferrer">click</a> and <a rel="noopener noreferrer">data</a></p>'
    )


def test_markdown_removes_event_handler_attributes():
    html = render_markdown(
        '<p onclick="alert(1)">Hi</p> <a href="https://x.org" onmouseover=alert(1)>x</a>'
    )

    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "alert" not in html


def test_markdown_reduces_raw_html_blocks_to_their_text():
    html = render_markdown(
        '<div class="x"><iframe src="https://evil.example"></iframe><b>kept</b></div>'
    )

    assert html == "kept"


def test_markdown_has_no_images():
    html = render_markdown(
        '![a map](https://example.org/map.png)\n\n<img src=x onerror="alert(1)">'
    )

    assert "<img" not in html
    assert "onerror" not in html


def test_markdown_first_level_headings_become_h2_and_deep_ones_h3():
    html = render_markdown("# Title\n\n#### Deep")

    assert html == "<h2>Title</h2>\n<h3>Deep</h3>"


def test_markdown_code_is_escaped_text():
    html = render_markdown("```\n<script>alert(1)</script>\n```\n\nUse `<b>` for bold.")

    assert html == (
        "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
        "<p>Use <code>&lt;b&gt;</code> for bold.</p>"
    )


def test_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""

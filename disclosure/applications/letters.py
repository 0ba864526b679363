"""The reply letter (答复书) of a case: drafted from the register, edited by staff, drawn as a Word file.

`draft` fills the text of the case's basis (letter_texts.py) with the case's facts: the applicant's name and
request, the day of receipt, the steps that changed the course (a correction, an extension, a consultation),
the reply's day, and the appeal routes (行政复议 within 60 days, 行政诉讼 within 6 months). The result is plain
text that staff edit in the admin (ReplyLetter.text); `render` lays out whatever they saved, in blocks
separated by blank lines: 文号, 标题, 称呼, the body, and the 落款 (organ and date, one line each), as an
official letter (GB/T 9704: 仿宋 三号 at 28 pt, title in 小标宋 二号, the page number as “— 1 —”).
"""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from disclosure.applications import events as E
from disclosure.applications import letter_texts as T
from disclosure.exports import word

# A letter is not sent with a gap the draft left for staff to fill (the reason, a date the register lacks).
UNFINISHED = f"答复书正文中仍有“{T.MISSING_REASON}”，请在下方“答复书”中补充具体内容并保存后再下载。"


def unfinished(text):
    return T.MISSING_REASON in text


class NotReplied(Exception):
    """The case has no reply yet, so no letter can be drafted: its outcome decides the letter."""


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def reply_of(application):
    return next((step for step in application.events.all() if step.type == E.REPLIED), None)


def bases_for(outcome):
    """The bases a letter for `outcome` may rest on, the default first."""
    return [basis for basis in T.BASES if basis.outcome == outcome]


def basis_of(application, chosen=""):
    """The Basis of the case's letter: `chosen` when it answers the case's outcome, else the outcome's default."""
    reply = reply_of(application)
    if reply is None:
        raise NotReplied("申请尚未答复：请先在办理步骤中登记“作出答复”及办理结果，再起草答复书。")
    basis = T.BY_KEY.get(chosen)
    return basis if basis and basis.outcome == reply.outcome else T.BY_KEY[T.DEFAULT[reply.outcome]]


def facts(application):
    """The case's facts as the templates' fields."""
    steps = {step.type: step for step in application.events.all()}
    reply = steps[E.REPLIED]
    said = []
    if E.CORRECTION_RECEIVED in steps:
        said.append(f"经本机关告知补正，您于{chinese_date(steps[E.CORRECTION_RECEIVED].on)}提交了补正后的申请。")
    consulted = [s for s in application.events.all() if s.type == E.CONSULTED]
    if any(s.party == "agency" for s in consulted):
        said.append("本机关就该申请征求了其他行政机关的意见。")
    if E.EXTENDED in steps:
        said.append(f"因需延长答复期限，本机关已于{chinese_date(steps[E.EXTENDED].on)}告知您延期答复。")
    requested = steps.get(E.CORRECTION_REQUESTED)
    fee = steps.get(E.FEE_NOTICE)
    third_party = any(s.party == "third_party" for s in consulted)
    serial = int(m.group()) if (m := re.search(r"\d+$", application.ref)) else application.ref
    return {
        "organ": application.body.name,
        "year": reply.on.year,
        "serial": serial,
        "name": application.name.strip() or "申请人",
        "request": application.request.strip(),
        "received_on": chinese_date(application.received_on),
        "replied_on": chinese_date(reply.on),
        "steps": "".join(said),
        "reason": reply.note.strip() or T.MISSING_REASON,
        "delivery": T.DELIVERY.get(application.form, T.DELIVERY[""]),
        "consulted": "本机关已依照《条例》第三十二条的规定书面征求第三方的意见。" if third_party else "",
        "correction_requested_on": chinese_date(requested.on) if requested else T.MISSING_REASON,
        "correction_until": chinese_date(requested.until) if requested and requested.until else T.MISSING_REASON,
        "fee_notice_on": chinese_date(fee.on) if fee else T.MISSING_REASON,
        "fee_amount": f"{fee.amount:.2f}" if fee and fee.amount is not None else T.MISSING_REASON,
    }


def draft(application, chosen=""):
    """The letter's text for the case, as staff first see it; raises NotReplied before the reply."""
    basis = basis_of(application, chosen)
    known = facts(application)
    known["provision"] = basis.provision
    blocks = [
        T.NUMBER.format(**known),
        T.TITLE,
        f"{known['name']}：",
        T.OPENING.format(**known) + T.LAW,
        basis.text.format(**known),
        T.APPEAL,
        T.CLOSING,
        f"{known['organ']}\n{known['replied_on']}",
    ]
    return "\n\n".join(blocks)


def text_of(application):
    """The letter as it will be sent: the saved text, or the draft while none is saved."""
    letter = getattr(application, "reply_letter", None) if application.pk else None
    if letter is not None and letter.text.strip():
        return letter.text
    return draft(application, letter.basis if letter else "")


def blocks(text):
    """The text's blocks (separated by blank lines), each a list of its non-empty lines."""
    found = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            found.append(lines)
    return found


def render(text, author=""):
    """The .docx file's bytes for the letter's text (see the module's docstring for its blocks)."""
    parts = blocks(text)
    document = Document()
    word._Styles(document, "zh-hans")
    section = word._page_setup(document)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in (footer.add_run("— "), word._field(footer, "PAGE"), footer.add_run(" —")):
        word._fonts(run, word.BODY_FONT, Pt(14))
    # Too few blocks for the layout (staff removed the blank lines): everything is body text.
    number, title, salutation, body, signature = ([], [T.TITLE], [], parts, [])
    if len(parts) >= 5:
        number, title, salutation, *body, signature = parts
    properties = document.core_properties
    properties.title, properties.author, properties.language = "".join(title), author, "zh-CN"
    for line in number:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("".join(title), style="Title")
    for line in salutation:
        document.add_paragraph(line)
    for block in body:
        for line in block:
            document.add_paragraph(line).paragraph_format.first_line_indent = Pt(32)
    if signature:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
        document.add_paragraph().paragraph_format.keep_with_next = True
        for line in signature:
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            paragraph.paragraph_format.keep_with_next = line != signature[-1]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(application):
    return f"答复书-{application.ref}.docx"

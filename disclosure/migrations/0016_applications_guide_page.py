# ruff: noqa: E501  (the page's paragraphs are one line each, as staff edit them)
# The 依申请公开 guide (申请指南) as a staff-edited page (Page `applications-guide`), in Simplified Chinese and
# English, Traditional derived as on every save (derivation.py does not run on a migration's historical models).
# A site that already has a page with this slug keeps it.

from django.db import migrations

from disclosure.languages.traditional import to_traditional
from disclosure.models.translated import fingerprint

SLUG = "applications-guide"
TITLE = "政府信息公开申请指南"
TITLE_EN = "Guide to applying for government information"
BODY = """依照《中华人民共和国政府信息公开条例》（以下简称《条例》），公民、法人或者其他组织可以向本平台所列行政机关申请获取相关政府信息。本指南说明申请的范围、方式、答复期限、收费标准和救济途径。

一、申请范围

除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向地方各级人民政府、对外以自己名义履行行政管理职能的县级以上人民政府部门申请获取相关政府信息。已经主动公开的政府信息，可以直接在各机关网站查阅。依照《条例》第十四条、第十五条、第十六条不予公开的政府信息，以及行政机关不掌握的信息，不在可以获取的范围之内。

二、申请方式

（一）在线申请：在本平台“在线申请”页面填写并提交申请。提交后页面显示查询码，请妥善保存。

（二）书面申请：填写政府信息公开申请表，当面提交，或者邮寄、传真至受理机关的政府信息公开工作机构。采用书面形式确有困难的，申请人可以口头提出，由受理机关代为填写政府信息公开申请。

三、申请内容

政府信息公开申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。申请人无需说明申请用途。

四、收到申请之日

申请人当面提交政府信息公开申请的，以提交之日为收到申请之日；以邮寄方式提交的，以行政机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日；通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。在线申请经受理机关确认后，方开始计算答复期限。

五、答复期限

受理机关能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。

申请内容不明确的，受理机关自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自受理机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请。

申请公开的政府信息公开后可能损害第三方合法权益的，受理机关书面征求第三方的意见，第三方应当自收到征求意见书之日起15个工作日内提出意见。征求第三方和其他机关意见所需时间不计算在答复期限内。

六、收费标准

行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。同一申请只按一种方式计收：

按件计收：同一申请人在一个自然月内累计申请10件以下（含10件）的，不收费；累计申请11至30件（含30件）的部分，每件收费100元；累计申请30件以上的部分，以10件为一档，每增加一档，收费标准每件提高100元。

按量计收：同一政府信息公开申请，30页以下（含30页）的，不收费；31至100页（含100页）的部分，每页收费10元；101至200页（含200页）的部分，每页收费20元；200页以上的部分，每页收费40元。

申请人应当自收到收费通知之日起20个工作日内缴纳费用，逾期未缴纳的，视为放弃申请。发出收费通知至申请人缴费之日的期间，不计算在答复期限内。

七、救济途径

申请人认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。申请行政复议的，应当自知道该行政行为之日起60日内提出；提起行政诉讼的，应当自知道或者应当知道作出行政行为之日起6个月内提出。

八、查询办理进度

在线申请的申请人可以在本平台“查询办理进度”页面，凭查询码和申请时填写的联系电话，查询申请的办理状态和答复期限。"""
BODY_EN = """Under the Regulations of the People's Republic of China on the Disclosure of Government Information (the "Regulations"), citizens, legal persons and other organisations may apply to the administrative bodies listed on this portal for government information. This guide explains what may be requested, how to apply, the time limits for a reply, the fees and the means of redress.

1. What may be requested

Besides the government information that administrative bodies disclose of their own accord, citizens, legal persons and other organisations may apply for government information to the local people's governments at every level and to the departments of people's governments at or above county level that exercise administrative functions in their own name. Information already disclosed can be read directly on each body's website. Information withheld under Articles 14, 15 and 16 of the Regulations, and information the body does not hold, cannot be obtained this way.

2. How to apply

(1) Online: fill in and submit the form on this portal's "Apply online" page. After submission the page shows a tracking code; please keep it safe.

(2) In writing: fill in a government information disclosure application form and hand it in, or send it by post or fax, to the government information disclosure office of the body concerned. An applicant who genuinely has difficulty applying in writing may apply orally, and the body will fill in the application on the applicant's behalf.

3. What an application contains

An application states the applicant's name or the organisation's name, proof of identity and contact details; the title or document number of the government information sought, or another description that allows the body to find it; and the form in which the information is wanted, including how it is to be delivered. Applicants do not have to say why they want the information.

4. The day an application is received

An application handed in in person is received on the day it is handed in. One sent by registered post is received on the day the body signs for it. For one sent by ordinary mail, which needs no signature, the government information disclosure office confirms receipt with the applicant on the day it arrives, and the day of confirmation is the day of receipt. One made over the internet or by fax to the government information disclosure office is received on the day both sides confirm it. For an online application, the time limit for the reply starts only once the body has confirmed it.

5. Time limits for a reply

Where the body can reply on the spot, it does so. Otherwise it replies within 20 working days of receiving the application. Where more time is needed, the period may be extended, with the approval of the head of the government information disclosure office and notice to the applicant, by no more than 20 working days.

Where an application is unclear, the body tells the applicant once, within 7 working days of receiving it, what needs to be completed and by when. The time limit for the reply then runs from the day the body receives the completed application. An applicant who does not complete the application in time without good reason is deemed to have abandoned it.

Where disclosure might harm the lawful rights and interests of a third party, the body asks the third party's views in writing; the third party has 15 working days from receiving the request to reply. The time taken to consult third parties or other bodies does not count towards the time limit for the reply.

6. Fees

Government information is provided on application free of charge. Where the number or frequency of an applicant's requests clearly exceeds a reasonable level, the body may charge an information processing fee under the Measures for the Administration of Information Processing Fees for Government Information Disclosure (Guobanhan [2020] No. 109). Each application is charged in one way only:

By number of applications: up to 10 applications (inclusive) by the same applicant in one calendar month are free; the 11th to 30th cost 100 yuan each; beyond 30, the price per application rises by 100 yuan for each further band of 10 applications.

By volume: up to 30 pages (inclusive) are free; pages 31 to 100 cost 10 yuan each; pages 101 to 200 cost 20 yuan each; pages beyond 200 cost 40 yuan each.

The applicant pays within 20 working days of receiving the fee notice; an applicant who does not pay in time is deemed to have abandoned the application. The period from the fee notice to payment does not count towards the time limit for the reply.

7. Means of redress

An applicant who considers that an administrative body has infringed their lawful rights and interests in its government information disclosure work may complain to, or report the matter to, the body at the next level up or the competent department for government information disclosure, and may also apply for administrative reconsideration or bring an administrative lawsuit in accordance with the law. An application for administrative reconsideration must be made within 60 days of learning of the administrative act; an administrative lawsuit must be brought within 6 months of the day the applicant knew or should have known of the act.

8. Checking progress

Applicants who applied online can check the stage of their application and the time limit for the reply on this portal's "Check progress" page, with the tracking code and the phone number given in the application."""


def create(apps, schema_editor):
    Page = apps.get_model("disclosure", "Page")
    Glossary = apps.get_model("disclosure", "GlossaryEntry")
    if Page.objects.filter(slug=SLUG).exists():
        return
    glossary = sorted(Glossary.objects.values_list("simplified", "traditional"), key=lambda e: len(e[0]), reverse=True)
    Page.objects.create(
        slug=SLUG,
        title=TITLE,
        title_zh_hans=TITLE,
        title_zh_hant=to_traditional(TITLE, glossary),
        title_en=TITLE_EN,
        body=BODY,
        body_zh_hans=BODY,
        body_zh_hant=to_traditional(BODY, glossary),
        body_en=BODY_EN,
        en_sources={"title": fingerprint(TITLE), "body": fingerprint(BODY)},
    )


def remove(apps, schema_editor):
    apps.get_model("disclosure", "Page").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0015_application_handler_roles"),
    ]

    operations = [migrations.RunPython(create, remove)]

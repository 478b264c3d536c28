"""The organisers' dashboard in a real browser: an editor opens it for the 2024 campaign, sees the charts
drawn, exports every table as XLSX, drafts the summary report and downloads it as Word.

Screenshots: the dashboard and the report editor, desktop (test-artifacts/screenshots/).
"""

import datetime
import io
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from docx import Document  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from wagtail.contrib.forms.models import FormSubmission  # noqa: E402

from booklists.models import Book, Category  # noqa: E402
from campaigns.models import CampaignIndexPage, CampaignPage, QuestionnaireField, QuestionnairePage  # noqa: E402
from honours.tests.helpers import loan, note  # noqa: E402
from people.models import Department, User  # noqa: E402
from reports.models import CampaignReport  # noqa: E402

from .conftest import publish  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(month, day):
    return timezone.make_aware(datetime.datetime(2024, month, day, 10))


@pytest.fixture
def campaign_2024(home_page):
    index = publish(home_page, CampaignIndexPage(title="书香机关创建活动", slug="campaigns"))
    campaign = publish(
        index,
        CampaignPage(
            title="2024年度“书香机关”创建活动",
            slug="2024",
            theme="书香润机关 阅读促提升",
            organiser="机关工会",
            start_date=datetime.date(2024, 3, 1),
            end_date=datetime.date(2024, 12, 31),
        ),
    )
    survey = QuestionnairePage(title="读书活动满意度调查", slug="survey")
    survey.form_fields = [
        QuestionnaireField(
            sort_order=0,
            label="总体满意度",
            clean_name="satisfaction",
            field_type="radio",
            choices="非常满意\n满意\n一般",
        )
    ]
    publish(campaign, survey)
    for answer in ("非常满意", "满意", "满意", "一般"):
        FormSubmission.objects.create(page=survey, form_data={"satisfaction": answer})
    office = Department.objects.create(name="办公室", headcount=10)
    finance = Department.objects.create(name="财务处", headcount=8)
    category = Category.objects.filter(locale__language_code="zh-hans").first()
    for n, (number, name, department, month) in enumerate(
        [("R1", "李明", office, 4), ("R2", "王芳", office, 5), ("R3", "张伟", finance, 6), ("R4", "刘洋", office, 9)]
    ):
        reader = User.objects.create_user(number, real_name=name, department=department)
        for day in range(1, 4):
            loan(reader, lent=at(month, day * 3), days=10)
        if n < 2:
            note(reader, published=at(month, 20), title=f"{name}的读书心得")
    Book.objects.update(category=category)
    return campaign


def test_dashboard_and_report_journey(new_page, admin_login, screenshot, staff, campaign_2024):
    page = admin_login(new_page(), staff["editor"])
    page.goto("/admin/reports/dashboard/")
    page.select_option('select[name="campaign"]', str(campaign_2024.pk))
    page.get_by_role("button", name="显示").click()
    page.wait_for_selector('.dashboard-chart[data-drawn="true"]')
    assert page.locator('[data-figure="participants"]').inner_text() == "4"
    assert page.locator('[data-figure="rate"]').inner_text() == "22.2%"  # 4 of 18
    assert page.locator('[data-figure="satisfaction"]').inner_text() == "满意率：75.0%"
    assert page.locator(".dashboard-chart[data-drawn]").count() >= 3
    screenshot(page, "dashboard-2024")

    with page.expect_download() as download:
        page.get_by_role("link", name="导出全部表格（XLSX）").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    months = {row[0].value: row[1].value for row in workbook["每月借阅"].iter_rows(min_row=2)}
    assert months == {"2024-04": 3, "2024-05": 3, "2024-06": 3, "2024-09": 3}

    page.goto("/admin/reports/summary/")
    page.get_by_role("link", name="2024年度“书香机关”创建活动").click()
    page.get_by_role("button", name="根据数据起草报告").click()
    page.wait_for_selector("text=已根据活动数据起草报告")
    page.fill('textarea[name="next_steps"]', "明年继续开展读书月活动。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=报告已保存")
    screenshot(page, "summary-report-editor")
    assert CampaignReport.objects.get(campaign=campaign_2024).next_steps == "明年继续开展读书月活动。"

    with page.expect_download() as download:
        page.get_by_role("link", name="下载Word文档（.docx）").click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2024年度“书香机关”创建活动总结评估报告" in text
    assert "全体18名职工中，4人参与，参与率22.2%" in text
    assert "明年继续开展读书月活动。" in text

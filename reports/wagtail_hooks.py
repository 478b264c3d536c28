"""Registers the reports with Wagtail: the 信息审查单 screens, the page buttons that open a page's
sheet, the items in Wagtail's Reports menu (review sheets, the organisers' dashboard, summary
reports), the visit records' viewset, and the campaign's figures in its page's 成果展示
(portal_campaign_page_panels). What is registered lives in `admin_views` and `panels`."""

from wagtail import hooks

from . import admin_views, panels

hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_reports_menu_item", admin_views.review_sheets_menu_item)
hooks.register("register_reports_menu_item", admin_views.dashboard_menu_item)
hooks.register("register_reports_menu_item", admin_views.summary_menu_item)
hooks.register("register_page_listing_more_buttons", admin_views.page_listing_more_buttons)
hooks.register("register_page_header_buttons", admin_views.page_header_buttons)
hooks.register("register_admin_viewset", admin_views.VisitRecordViewSet)
hooks.register("portal_campaign_page_panels", panels.campaign_figures_panel)

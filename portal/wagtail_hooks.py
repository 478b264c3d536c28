from wagtail import hooks
from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
from wagtail.whitelist import allow_without_attributes


@hooks.register("register_rich_text_features")
def register_blockquote_for_user_html(features):
    # Reading notes from the public site go through the editor-HTML converter
    # (portal/sanitize.py); it has no rule of its own for blockquote.
    rule = WhitelistRule("blockquote", allow_without_attributes)
    features.register_converter_rule("editorhtml", "blockquote", [rule])

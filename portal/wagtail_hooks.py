from wagtail import hooks

from .internals import editor_html_rule_without_attributes


@hooks.register("register_rich_text_features")
def register_blockquote_for_user_html(features):
    # Reading notes from the public site go through the editor-HTML converter
    # (portal/sanitize.py); it has no rule of its own for blockquote.
    features.register_converter_rule("editorhtml", "blockquote", [editor_html_rule_without_attributes("blockquote")])

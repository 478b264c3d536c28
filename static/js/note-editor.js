/* Reading-note form: a small rich-text editor and the book picker.
 *
 * Served from our own static files (intranet, CSP script-src 'self'): no CDN,
 * no inline script or style. Progressive enhancement: without JavaScript the
 * textarea stays visible and plain paragraphs work; the book picker needs
 * JavaScript, and the server says clearly when no book was chosen.
 *
 * The editor copies its HTML into the hidden textarea on every change and on
 * submit. The server cleans it again (portal/sanitize.py); the allowlist here
 * only keeps the editor tidy and matches what the server keeps.
 */
(function () {
    "use strict";

    var BLOCKS = { P: 1, H3: 1, H4: 1, UL: 1, OL: 1, BLOCKQUOTE: 1 };
    var INLINE = { B: "strong", STRONG: "strong", I: "em", EM: "em", A: "a", BR: "br" };
    var HTML_TAG = /<\/?(p|br|h3|h4|ul|ol|li|blockquote|b|strong|i|em|a|div)\b/i;
    var SAFE_URL = /^(https?:\/\/|mailto:)/i;
    var NESTED_BLOCK = /^(P|DIV|H[1-6]|UL|OL|LI|BLOCKQUOTE)$/;

    /* ---------- Allowlist: copy only the elements notes may contain ---------- */

    function copyInline(node, target, doc) {
        Array.prototype.forEach.call(node.childNodes, function (child) {
            if (child.nodeType === 3) {
                target.appendChild(doc.createTextNode(child.nodeValue));
            } else if (child.nodeType === 1) {
                var tag = INLINE[child.tagName];
                if (tag === "br") {
                    target.appendChild(doc.createElement("br"));
                } else if (tag === "a") {
                    var href = (child.getAttribute("href") || "").trim();
                    if (SAFE_URL.test(href)) {
                        var link = doc.createElement("a");
                        link.setAttribute("href", href);
                        copyInline(child, link, doc);
                        target.appendChild(link);
                    } else {
                        copyInline(child, target, doc);
                    }
                } else if (tag) {
                    var el = doc.createElement(tag);
                    copyInline(child, el, doc);
                    target.appendChild(el);
                } else if (child.tagName !== "SCRIPT" && child.tagName !== "STYLE") {
                    copyInline(child, target, doc);
                }
            }
        });
    }

    function isEmpty(el) {
        return !el.textContent.trim() && !el.querySelector("br");
    }

    /* Turns any HTML tree into p / h3 / h4 / ul / ol / blockquote blocks. */
    function normalise(source, doc) {
        var out = doc.createDocumentFragment();
        var para = null;
        function flush() {
            if (para && !isEmpty(para)) { out.appendChild(para); }
            para = null;
        }
        Array.prototype.forEach.call(source.childNodes, function (child) {
            if (child.nodeType === 1 && (BLOCKS[child.tagName] || child.tagName === "DIV" || /^H[1-6]$/.test(child.tagName))) {
                flush();
                var tag = child.tagName;
                if (tag === "UL" || tag === "OL") {
                    var list = doc.createElement(tag.toLowerCase());
                    Array.prototype.forEach.call(child.children, function (item) {
                        var li = doc.createElement("li");
                        copyInline(item, li, doc);
                        if (!isEmpty(li)) { list.appendChild(li); }
                    });
                    if (list.children.length) { out.appendChild(list); }
                } else if (tag === "BLOCKQUOTE") {
                    // A quotation is one block: paragraphs inside it become line breaks.
                    var quote = doc.createElement("blockquote");
                    Array.prototype.forEach.call(child.childNodes, function (part) {
                        if (part.nodeType === 1 && NESTED_BLOCK.test(part.tagName)) {
                            if (quote.firstChild) { quote.appendChild(doc.createElement("br")); }
                            var holder = doc.createElement("span");
                            holder.appendChild(part.cloneNode(true));
                            copyInline(holder, quote, doc);
                        } else {
                            var wrap = doc.createElement("span");
                            wrap.appendChild(part.cloneNode(true));
                            copyInline(wrap, quote, doc);
                        }
                    });
                    if (!isEmpty(quote)) { out.appendChild(quote); }
                } else if (child.querySelector("p, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, div")) {
                    // A block holding blocks (the browser's editing can nest them): flatten it.
                    out.appendChild(normalise(child, doc));
                } else {
                    var name = tag === "H3" || tag === "H4" ? tag.toLowerCase() : (/^H[1-2]$/.test(tag) ? "h3" : (/^H[5-6]$/.test(tag) ? "h4" : "p"));
                    var block = doc.createElement(name);
                    copyInline(child, block, doc);
                    if (!isEmpty(block)) { out.appendChild(block); }
                }
            } else {
                if (!para) { para = doc.createElement("p"); }
                var holder = doc.createElement("span");
                holder.appendChild(child.cloneNode(true));
                copyInline(holder, para, doc);
            }
        });
        flush();
        return out;
    }

    function plainTextToFragment(text, doc) {
        var out = doc.createDocumentFragment();
        text.replace(/\r\n/g, "\n").split(/\n\s*\n/).forEach(function (chunk) {
            chunk = chunk.trim();
            if (!chunk) { return; }
            var p = doc.createElement("p");
            chunk.split("\n").forEach(function (line, i) {
                if (i) { p.appendChild(doc.createElement("br")); }
                p.appendChild(doc.createTextNode(line));
            });
            out.appendChild(p);
        });
        return out;
    }

    function parse(value) {
        // DOMParser builds an inert document: no script runs, no image loads.
        var parsed = new DOMParser().parseFromString("<body>" + value + "</body>", "text/html");
        return normalise(parsed.body, document);
    }

    function serialise(editor) {
        var box = document.createElement("div");
        box.appendChild(normalise(editor, document));
        return box.innerHTML;
    }

    /* ---------- The editor ---------- */

    var BUTTONS = [
        { key: "bold", text: "B", command: "bold", cls: "is-bold" },
        { key: "italic", text: "I", command: "italic", cls: "is-italic" },
        { key: "h3", text: "H3", block: "h3" },
        { key: "h4", text: "H4", block: "h4" },
        { key: "ul", text: "•", command: "insertUnorderedList" },
        { key: "ol", text: "1.", command: "insertOrderedList" },
        { key: "quote", text: "“”", block: "blockquote" },
        { key: "link", text: "", link: true }
    ];

    function currentBlock(editor) {
        var selection = window.getSelection();
        if (!selection.rangeCount) { return null; }
        var node = selection.getRangeAt(0).startContainer;
        while (node && node !== editor) {
            if (node.nodeType === 1 && /^(P|H3|H4|BLOCKQUOTE|LI|DIV)$/.test(node.tagName)) { return node; }
            node = node.parentNode;
        }
        return null;
    }

    function setupEditor(container) {
        var textarea = container.querySelector("textarea");
        if (!textarea || !document.execCommand || !window.DOMParser) { return; }
        var data = container.dataset;

        var toolbar = document.createElement("div");
        toolbar.className = "note-editor__toolbar";
        toolbar.setAttribute("role", "toolbar");
        toolbar.setAttribute("aria-label", data.toolbarLabel || "Formatting");

        var editor = document.createElement("div");
        editor.className = "note-editor__area";
        editor.contentEditable = "true";
        editor.setAttribute("role", "textbox");
        editor.setAttribute("aria-multiline", "true");
        var label = document.querySelector('label[for="' + textarea.id + '"]');
        if (label) {
            if (!label.id) { label.id = textarea.id + "-label"; }
            editor.setAttribute("aria-labelledby", label.id);
            label.addEventListener("click", function () { editor.focus(); });
        }
        ["aria-describedby", "aria-invalid"].forEach(function (name) {
            if (textarea.hasAttribute(name)) { editor.setAttribute(name, textarea.getAttribute(name)); }
        });

        var value = textarea.value || "";
        editor.appendChild(HTML_TAG.test(value) ? parse(value) : plainTextToFragment(value, document));
        if (!editor.firstChild) { editor.innerHTML = "<p><br></p>"; }

        var counter = document.createElement("p");
        counter.className = "note-editor__count";
        counter.setAttribute("aria-live", "polite");

        function sync() {
            textarea.value = serialise(editor);
            counter.textContent = editor.textContent.replace(/\s+/g, " ").trim().length + " " + (data.countLabel || "");
        }

        BUTTONS.forEach(function (spec) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "note-editor__button" + (spec.cls ? " " + spec.cls : "");
            var title = data["label" + spec.key.charAt(0).toUpperCase() + spec.key.slice(1)] || spec.key;
            button.textContent = spec.text || title;
            button.title = title;
            button.setAttribute("aria-label", title);
            button.addEventListener("mousedown", function (event) { event.preventDefault(); });
            button.addEventListener("click", function () {
                editor.focus();
                if (spec.command) {
                    document.execCommand(spec.command, false, null);
                } else if (spec.block) {
                    var block = currentBlock(editor);
                    var same = block && block.tagName.toLowerCase() === spec.block;
                    document.execCommand("formatBlock", false, same ? "p" : spec.block);
                } else if (spec.link) {
                    var url = window.prompt(data.linkPrompt || "URL", "https://");
                    if (url === null) { return; }
                    url = url.trim();
                    if (!SAFE_URL.test(url)) {
                        window.alert(data.linkInvalid || "http, https or mailto only");
                        return;
                    }
                    var selection = window.getSelection();
                    if (selection.isCollapsed) {
                        document.execCommand("insertText", false, url);
                        var range = selection.getRangeAt(0);
                        range.setStart(range.endContainer, Math.max(0, range.endOffset - url.length));
                        selection.removeAllRanges();
                        selection.addRange(range);
                    }
                    document.execCommand("createLink", false, url);
                }
                sync();
            });
            toolbar.appendChild(button);
        });

        try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* older browsers */ }
        editor.addEventListener("input", sync);
        editor.addEventListener("blur", sync);
        editor.addEventListener("paste", function (event) {
            // Pasted HTML goes through the allowlist; plain text becomes paragraphs.
            var clip = event.clipboardData;
            if (!clip) { return; }
            event.preventDefault();
            var html = clip.getData("text/html");
            var box = document.createElement("div");
            box.appendChild(html ? parse(html) : plainTextToFragment(clip.getData("text/plain"), document));
            document.execCommand("insertHTML", false, box.innerHTML);
            sync();
        });
        if (textarea.form) { textarea.form.addEventListener("submit", sync); }

        textarea.hidden = true;
        textarea.setAttribute("tabindex", "-1");
        container.classList.add("note-editor--enhanced");
        container.appendChild(toolbar);
        container.appendChild(editor);
        container.appendChild(counter);
        sync();
    }

    /* ---------- The book picker ---------- */

    function setupPicker(field) {
        var input = field.querySelector('input[type="search"]');
        var hidden = field.querySelector('input[type="hidden"]');
        var list = field.querySelector('[role="listbox"]');
        var chosen = field.querySelector("[data-book-chosen]");
        var chosenTitle = field.querySelector("[data-book-chosen-title]");
        if (!input || !hidden || !list || !window.fetch) { return; }
        var url = field.dataset.searchUrl;
        var timer = null;
        var items = [];
        var active = -1;
        var lastQuery = "";

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function choose(book) {
            hidden.value = book.id;
            input.value = book.title;
            chosenTitle.textContent = "《" + book.title + "》" + (book.authors ? " " + book.authors : "");
            chosen.hidden = false;
            close();
        }

        function highlight(index) {
            var options = list.querySelectorAll('[role="option"]');
            Array.prototype.forEach.call(options, function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (options[index]) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            }
        }

        function show(results) {
            items = results;
            list.textContent = "";
            if (!results.length) {
                var empty = document.createElement("li");
                empty.className = "book-picker__empty";
                empty.textContent = field.dataset.emptyText || "";
                list.appendChild(empty);
            }
            results.forEach(function (book, i) {
                var option = document.createElement("li");
                option.id = "book-option-" + book.id;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.className = "book-picker__option";
                var title = document.createElement("span");
                title.className = "book-picker__title";
                title.textContent = "《" + book.title + "》";
                option.appendChild(title);
                if (book.authors) {
                    var authors = document.createElement("span");
                    authors.className = "book-picker__authors";
                    authors.textContent = book.authors;
                    option.appendChild(authors);
                }
                option.addEventListener("mousedown", function (event) { event.preventDefault(); });
                option.addEventListener("click", function () { choose(items[i]); });
                list.appendChild(option);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            active = -1;
        }

        function search() {
            var query = input.value.trim();
            if (!query) { close(); return; }
            if (query === lastQuery && !list.hidden) { return; }
            lastQuery = query;
            fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (input.value.trim() === query) { show(data.results || []); } })
                .catch(function () { close(); });
        }

        input.addEventListener("input", function () {
            // Typing again un-chooses the book until one is picked from the list.
            hidden.value = "";
            chosen.hidden = true;
            clearTimeout(timer);
            timer = setTimeout(search, 250);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden) {
                if (event.key === "ArrowDown") { search(); }
                return;
            }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight(Math.min(active + 1, items.length - 1));
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight(Math.max(active - 1, 0));
            } else if (event.key === "Enter") {
                event.preventDefault();
                if (items[active >= 0 ? active : 0]) { choose(items[active >= 0 ? active : 0]); }
            } else if (event.key === "Escape") {
                close();
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 150); });
    }

    function init() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-note-editor]"), setupEditor);
        Array.prototype.forEach.call(document.querySelectorAll("[data-book-picker]"), setupPicker);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

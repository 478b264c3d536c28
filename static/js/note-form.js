/* Reading-note form: the Quill editor (static/vendor/quill) and the book picker.
 *
 * Served from our own static files (intranet, CSP script-src 'self'): no CDN,
 * no inline script or style. Progressive enhancement: without JavaScript the
 * textarea stays visible and plain paragraphs work; the book picker needs
 * JavaScript, and the server says clearly when no book was chosen.
 *
 * The editor copies its HTML (Quill's own markup) into the hidden textarea on
 * every change and on submit. The server maps that markup onto the elements
 * notes keep and cleans it with its allowlist (portal/sanitize.py); the
 * editor's limits here (its formats, its link schemes) only keep it tidy.
 */
(function () {
    "use strict";

    var HTML_TAG = /<\/?(p|br|h3|h4|ul|ol|li|blockquote|b|strong|i|em|a|div)\b/i;
    var SAFE_URL = /^(https?:\/\/|mailto:)/i;
    // What the server keeps (portal/sanitize.py): nothing else can be typed or pasted.
    var FORMATS = ["bold", "italic", "link", "header", "list", "blockquote"];

    /* ---------- The editor ---------- */

    // Toolbar buttons: data-label-<key> on the container gives each its translated label;
    // the Quill class and value say what it does (the snow theme draws the icon).
    var BUTTONS = [
        { key: "bold", format: "bold" },
        { key: "italic", format: "italic" },
        { key: "h3", format: "header", value: "3" },
        { key: "h4", format: "header", value: "4" },
        { key: "ul", format: "list", value: "bullet" },
        { key: "ol", format: "list", value: "ordered" },
        { key: "quote", format: "blockquote" },
        { key: "link", format: "link" }
    ];

    // Headings pasted from elsewhere become the two levels notes have.
    function headerLevel(level) {
        return function (node, delta) {
            delta.ops.forEach(function (op) {
                if (op.attributes && op.attributes.header) { op.attributes.header = level; }
            });
            return delta;
        };
    }

    function buildToolbar(data) {
        var toolbar = document.createElement("div");
        toolbar.className = "note-editor__toolbar";
        toolbar.setAttribute("role", "toolbar");
        toolbar.setAttribute("aria-label", data.toolbarLabel || "Formatting");
        BUTTONS.forEach(function (spec) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "note-editor__button ql-" + spec.format;
            if (spec.value) { button.value = spec.value; }
            var title = data["label" + spec.key.charAt(0).toUpperCase() + spec.key.slice(1)] || spec.key;
            button.title = title;
            button.setAttribute("aria-label", title);
            toolbar.appendChild(button);
        });
        return toolbar;
    }

    function setupEditor(container) {
        var textarea = container.querySelector("textarea");
        var Quill = window.Quill;
        if (!textarea || !Quill) { return; }
        var data = container.dataset;
        var Link = Quill.import("formats/link");
        Link.PROTOCOL_WHITELIST = ["http", "https", "mailto"];

        var toolbar = buildToolbar(data);
        var area = document.createElement("div");
        area.className = "note-editor__area";
        var counter = document.createElement("p");
        counter.className = "note-editor__count";
        counter.setAttribute("aria-live", "polite");

        textarea.hidden = true;
        textarea.setAttribute("tabindex", "-1");
        container.classList.add("note-editor--enhanced");
        container.appendChild(toolbar);
        container.appendChild(area);
        container.appendChild(counter);

        var quill;

        // The link button (and Ctrl+K): asks for the address, as the whole site does with
        // its translated prompt; an empty answer removes the link under the cursor.
        function editLink() {
            var range = quill.getSelection(true);
            var current = quill.getFormat(range).link;
            var url = window.prompt(data.linkPrompt || "URL", current || "https://");
            if (url === null) { return; }
            url = url.trim();
            var index = range.index;
            var length = range.length;
            if (!length && current) {
                var found = quill.scroll.descendant(function (blot) { return blot instanceof Link; }, index);
                if (found[0]) {
                    index -= found[1];
                    length = found[0].length();
                }
            }
            if (!url || url === "https://") {
                if (length) { quill.formatText(index, length, "link", false, "user"); }
                return;
            }
            if (!SAFE_URL.test(url)) {
                window.alert(data.linkInvalid || "http, https or mailto only");
                return;
            }
            if (length) {
                quill.formatText(index, length, "link", url, "user");
            } else {
                quill.insertText(index, url, { link: url }, "user");
                quill.setSelection(index + url.length, 0, "user");
            }
        }

        quill = new Quill(area, {
            theme: "snow",
            formats: FORMATS,
            modules: {
                toolbar: { container: toolbar, handlers: { link: editLink } },
                clipboard: {
                    matchers: [["H1", headerLevel(3)], ["H2", headerLevel(3)], ["H5", headerLevel(4)], ["H6", headerLevel(4)]]
                },
                uploader: { handler: function () { /* notes take no files or images */ } }
            }
        });

        var editor = quill.root;
        editor.setAttribute("role", "textbox");
        editor.setAttribute("aria-multiline", "true");
        var label = document.querySelector('label[for="' + textarea.id + '"]');
        if (label) {
            if (!label.id) { label.id = textarea.id + "-label"; }
            editor.setAttribute("aria-labelledby", label.id);
            label.addEventListener("click", function (event) {
                event.preventDefault();
                quill.focus();
            });
        }
        ["aria-describedby", "aria-invalid"].forEach(function (name) {
            if (textarea.hasAttribute(name)) { editor.setAttribute(name, textarea.getAttribute(name)); }
        });

        var value = textarea.value || "";
        if (HTML_TAG.test(value)) {
            quill.setContents(quill.clipboard.convert({ html: value }), "silent");
        } else if (value.trim()) {
            quill.setText(value.replace(/\r\n/g, "\n"), "silent");
        }
        quill.history.clear();

        function sync() {
            var empty = quill.getLength() <= 1 && !quill.getText().trim();
            textarea.value = empty ? "" : editor.innerHTML;
            counter.textContent = editor.textContent.replace(/\s+/g, " ").trim().length + " " + (data.countLabel || "");
        }

        quill.on("text-change", sync);
        if (textarea.form) { textarea.form.addEventListener("submit", sync); }
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

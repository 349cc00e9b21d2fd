// Material's search box answered by Pagefind's chunked index (the briefs plugin's
// `search: pagefind`). Nothing of Pagefind loads with the page: its script, WebAssembly
// and the index chunks for the words typed are fetched from the first focus on.
//
// Titles and excerpts come from article text, which can be hostile: every string goes
// into the page as a text node; the only elements made from them are the <mark>s
// around matching words.
(() => {
  "use strict";

  const MAX_RESULTS = 10;
  const DEBOUNCE_MS = 150;
  const SHORTCUT_KEYS = new Set(["/", "s", "f"]);
  const MARK = /(<mark>|<\/mark>)/;
  const MARK_TAG = /<\/?mark>/g;
  const WORD_BREAK = /[\r\n\s]+/g;
  const escapeAngles = (text) => text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const unescapeAngles = (text) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");

  const box = document.querySelector("[data-nb-pagefind]");
  if (!box) return;
  const input = box.querySelector(".md-search__input");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const texts = box.dataset;
  let pagefind = null;
  let latest = 0;

  function load() {
    if (!pagefind) {
      const bundle = new URL(texts.nbBundle, location.href);
      const baseUrl = new URL(texts.nbBase, location.href).pathname;
      pagefind = import(bundle.href).then(async (module) => {
        await module.options({ baseUrl });
        module.init();
        return module;
      });
      // A failed load is not cached: the next focus tries again.
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  // Pagefind builds an excerpt from the page's words with < and > escaped (not &), each
  // match wrapped in <mark>. The same words are taken from the page's plain text, so the
  // excerpt shows exactly what the page says ("&lt;" in an article stays "&lt;").
  function excerptWindow(data) {
    const words = data.content.split(WORD_BREAK);
    const shown = data.excerpt.replace(MARK_TAG, "");
    const count = shown.split(" ").length;
    for (let start = 0; start + count <= words.length + 1; start++) {
      if (escapeAngles(words.slice(start, start + count).join(" ")).trim() === shown) {
        return words.slice(start, start + count).map((word, index) => [word, data.locations.includes(start + index)]);
      }
    }
    return null;
  }

  function excerptNodes(data) {
    const window = excerptWindow(data);
    if (window) {
      return window.filter(([word]) => word).flatMap(([word, matched], index) => {
        const node = matched ? document.createElement("mark") : document.createTextNode(word);
        if (matched) node.textContent = word;
        return index ? [document.createTextNode(" "), node] : [node];
      });
    }
    // Scripts without spaces between words: Pagefind's excerpt, its marks made elements.
    const nodes = [];
    let mark = null;
    for (const part of data.excerpt.split(MARK)) {
      if (part === "<mark>") {
        mark = document.createElement("mark");
        nodes.push(mark);
      } else if (part === "</mark>") {
        mark = null;
      } else if (part) {
        const text = document.createTextNode(unescapeAngles(part));
        if (mark) mark.append(text);
        else nodes.push(text);
      }
    }
    return nodes;
  }

  function resultItem(data, first) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (first) {
      const icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.append(icon);
    }
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(data));
    article.append(title, excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function countText(count) {
    if (count === 0) return texts.nbNone;
    if (count === 1) return texts.nbOne;
    return texts.nbOther.replace("#", String(count));
  }

  function show(message, items) {
    meta.textContent = message;
    list.replaceChildren(...items);
  }

  async function search() {
    const query = input.value.trim();
    const asked = ++latest;
    if (!query) {
      show(texts.nbPlaceholder, []);
      return;
    }
    let found;
    try {
      const engine = await load();
      found = await engine.debouncedSearch(query, {}, DEBOUNCE_MS);
      if (found === null || asked !== latest) return; // a newer query is on its way
      const shown = await Promise.all(found.results.slice(0, MAX_RESULTS).map((result) => result.data()));
      if (asked !== latest) return;
      show(countText(found.results.length), shown.map((data, index) => resultItem(data, index === 0)));
    } catch (error) {
      if (asked === latest) show(texts.nbFailed, []);
      console.error(error);
    }
  }

  input.addEventListener("focus", () => {
    setOpen(true);
    load().catch(() => show(texts.nbFailed, []));
  });
  input.addEventListener("input", search);
  // The header's search button (small screens) opens the box through the toggle. As in
  // Material, the results list is a list only while the box is open, and hidden otherwise.
  function reflectOpen() {
    const open = Boolean(toggle && toggle.checked);
    list.setAttribute("role", open ? "list" : "presentation");
    list.hidden = !open;
    if (open && document.activeElement !== input) input.focus();
  }
  if (toggle) toggle.addEventListener("change", reflectOpen);
  reflectOpen();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { search(); input.focus(); });
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle && toggle.checked) {
      setOpen(false);
      input.blur();
    } else if (!typing && !event.metaKey && !event.ctrlKey && !event.altKey && SHORTCUT_KEYS.has(event.key)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();

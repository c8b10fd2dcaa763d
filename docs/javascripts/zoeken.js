// The Zoeken page: full-text search and filters over the article pages, in the browser, with
// Pagefind's chunked index (built by build_archive/search/pagefind.py into pagefind/). The browser
// fetches only the index chunks and filter tables a query needs, not the whole archive.
//
// Pagefind's own UI cannot list articles by filters alone (it searches only once words are
// typed), so this page drives Pagefind's API itself. The address holds the search, so a link
// such as zoeken/?person=Vladimir%20Poetin&country=Frankrijk&text=gesprekken opens it (actor
// pages link here that way). The words are `text`, not `q`: the theme's own search, where it is
// on, opens its overlay for any ?q=; a ?q= (from older links) is read and rewritten at once.
// Every word shown comes from the page (data-* attributes of #archive-search); article text,
// titles and names are only ever set as text, and an excerpt keeps nothing of Pagefind's markup
// but its <mark> highlights.
//
// A module loaded from the page's head (overrides/main.html, for pages with `archive_search` in
// their front matter), with async: it runs as soon as it arrives, not after the theme's CSS and
// scripts, and starts Pagefind (and the search in the address) before the page's body is
// parsed; the form and results are laid out once the body is there. The head also preloads
// pagefind.js, the index's metadata and its WebAssembly (the plugin writes their names in), which
// Pagefind would otherwise fetch one after the other. The theme's own scripts are added only once
// the first search has been shown (the event archive-search:settled). A search by filters alone
// is first shown from Pagefind's own files, read by this page before Pagefind has searched
// (firstScreen, below), then as Pagefind shows it, the same, with the filters' counts.
//
// A large archive's index comes in shards (build_archive/search/pagefind.py): pagefind/ is the
// first, and the plugin names the others in the page's head (#archive-pagefind-files). They are
// merged into the first (Pagefind's mergeIndex), so that every search, its results and its
// filter counts are across all of them.
(function () {
  "use strict";
  var scriptStarted = Math.round(performance.now());
  var root = null; // #archive-search, once the body is parsed
  var FILTERS = ["person", "country", "organisation", "place", "year", "language"];
  var SHOWN = 20; // values per filter before "more"
  var PAGE = 10; // results per page
  var EXCERPT = 30; // words of a result's excerpt
  var words = null; // root.dataset
  var bundle = new URL("../pagefind/", import.meta.url); // this file is javascripts/zoeken.js
  var baseUrl = new URL("..", bundle).pathname; // results link from the site's root, wherever it is
  var named = indexNames();
  var shards = named.shards.map(function (shard) {
    return shard.path;
  });
  var state = { q: "", filters: {} };
  var pagefind = null;
  var run = 0;
  var shownResults = PAGE;
  var expanded = {};
  var allTables = false; // every filter table loaded (pagefind.filters()), or only those queried
  var languageNames; // Intl.DisplayNames, made when first needed (it costs some 15 ms to make)
  var valueOrder; // Intl.Collator, made when first needed
  var complete = {}; // split filters (below) whose every part is loaded, by name

  // Persons, organisations and places are split into parts in the index, each a filter of its
  // own ("person-3"), so that a search for one person makes Pagefind read one part of the
  // persons' table, not all of it (build_archive/generate/front_matter.py, pagefind_filter). The
  // page's head says which part holds a value (window.archiveFilterKey, overrides/main.html);
  // the reader sees the filters whole.
  var split = (window.archiveFilterKey && window.archiveFilterKey.split) || { filters: [], parts: 1 };
  function filterKey(name, value) {
    return window.archiveFilterKey ? window.archiveFilterKey(name, value) : name;
  }

  // The filters of the address as Pagefind knows them; with `whole`, every part of the split
  // filters among them too (an empty list loads a part's table and narrows nothing), for the
  // counts of all their values.
  function keyed(filters, whole) {
    var out = {};
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) {
        var key = filterKey(name, value);
        (out[key] = out[key] || []).push(value);
      });
      if (whole && split.filters.indexOf(name) >= 0) {
        for (var part = 0; part < split.parts; part++) out[name + "-" + part] = out[name + "-" + part] || [];
      }
    });
    return out;
  }

  // Pagefind's counts by filter, the parts of a split filter put together; of a split filter
  // whose parts are not all loaded, only the chosen values (the others would be a part's alone).
  function merged(counts) {
    var out = {};
    Object.keys(counts).forEach(function (key) {
      var name = key.replace(/-\d+$/, "");
      if (name === key || split.filters.indexOf(name) < 0) name = key;
      var values = counts[key];
      if (name !== key && !complete[name] && !allTables) {
        var chosen = state.filters[name] || [];
        values = Object.fromEntries(
          Object.entries(values).filter(function (entry) {
            return chosen.indexOf(entry[0]) >= 0;
          }),
        );
      }
      out[name] = Object.assign(out[name] || {}, values);
    });
    return out;
  }

  // Filter values of equal count in the page language's alphabetical order. One collator for
  // every comparison: String.localeCompare makes one per call, which takes tens of milliseconds
  // to sort the thousands of persons named once in a large archive.
  function collator() {
    valueOrder = valueOrder || new Intl.Collator(document.documentElement.lang || "nl");
    return valueOrder;
  }

  // The counts of every filter need every filter table, some 150 KB each at 20,000 articles: a
  // search shows the counts of the filters it uses (none for words alone) and loads the rest on
  // request.
  async function loadAllTables() {
    if (allTables) return;
    await pagefind.filters();
    allTables = true;
    await update();
  }

  // What the page's head names of the index (the plugin writes it, build_archive/search/pagefind.py):
  // the first shard's metadata and filter tables (pagefind/), and every other shard's folder
  // under pagefind/ with its own.
  function indexNames() {
    var found = document.getElementById("archive-pagefind-files");
    try {
      var names = JSON.parse(found.textContent);
      return { meta: names.meta, filters: names.filters || {}, shards: names.shards || [] };
    } catch (error) {
      return { filters: {}, shards: [] }; // no names: the first shard alone, and no first screen
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is HTML: parsed inertly, and only its text and <mark>s are kept.
  function excerpt(html) {
    var out = el("p", "archive-search__excerpt");
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    (function walk(node, into) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === Node.TEXT_NODE) {
          into.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === "MARK") walk(child, into.appendChild(el("mark")));
          else walk(child, into);
        }
      });
    })(doc.body, out);
    return out;
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("text") || params.get("q") || "";
    state.filters = {};
    FILTERS.forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (values.length) state.filters[name] = values;
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (state.q) params.set("text", state.q);
    FILTERS.forEach(function (name) {
      (state.filters[name] || []).forEach(function (value) {
        params.append(name, value);
      });
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function toggle(name, value, on) {
    var values = (state.filters[name] || []).filter(function (v) {
      return v !== value;
    });
    if (on) values.push(value);
    if (values.length) state.filters[name] = values;
    else delete state.filters[name];
    shownResults = PAGE;
    update();
  }

  // A value as shown: languages by name in the page's language (nl: Nederlands, Engels), the
  // rest as indexed. The value itself (in the address, in Pagefind) stays the code.
  function shown(name, value) {
    if (name !== "language") return value;
    try {
      languageNames = languageNames || new Intl.DisplayNames([document.documentElement.lang || "nl"], { type: "language" });
      return languageNames.of(value) || value;
    } catch (error) {
      return value; // not a language code, or a browser without Intl.DisplayNames
    }
  }

  function renderFilters(counts) {
    var panel = root.querySelector(".archive-search__filters");
    panel.replaceChildren();
    FILTERS.forEach(function (name) {
      var selected = state.filters[name] || [];
      var values = Object.entries(counts[name] || {}).filter(function (entry) {
        return entry[1] > 0 || selected.indexOf(entry[0]) >= 0;
      });
      selected.forEach(function (value) {
        if (!(counts[name] || {}).hasOwnProperty(value)) values.push([value, 0]);
      });
      if (!values.length) return;
      values.sort(function (a, b) {
        return b[1] - a[1] || collator().compare(a[0], b[0]);
      });
      var group = el("fieldset", "archive-search__filter");
      group.dataset.filter = name;
      group.appendChild(el("legend", null, words["label" + name[0].toUpperCase() + name.slice(1)] || name));
      var list = el("ul");
      var limit = expanded[name] ? values.length : SHOWN;
      values.forEach(function (entry, index) {
        var isSelected = selected.indexOf(entry[0]) >= 0;
        if (index >= limit && !isSelected) return;
        var item = el("li");
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.checked = isSelected;
        box.value = entry[0];
        box.addEventListener("change", function () {
          toggle(name, entry[0], box.checked);
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + shown(name, entry[0]) + " "));
        label.appendChild(el("span", "archive-search__count", "(" + entry[1] + ")"));
        item.appendChild(label);
        list.appendChild(item);
      });
      group.appendChild(list);
      if (values.length > limit) {
        var more = el("button", "archive-search__more", words.more + " (" + values.length + ")");
        more.type = "button";
        more.addEventListener("click", function () {
          expanded[name] = true;
          renderFilters(counts);
        });
        group.appendChild(more);
      }
      panel.appendChild(group);
    });
    if (!allTables) {
      var others = el("button", "archive-search__more archive-search__all", words.allFilters);
      others.type = "button";
      others.addEventListener("click", loadAllTables);
      panel.appendChild(others);
    }
  }

  // The results' fragments (their titles and excerpts) are asked for before the filters are
  // laid out, so that the filters are drawn while the fragments are on their way.
  function fragments(search) {
    return Promise.all(
      search.results.slice(0, shownResults).map(function (result) {
        return result.data();
      }),
    );
  }

  // `isCurrent` says whether the results are still those to show once their fragments are in.
  async function renderResults(total, data, isCurrent, by) {
    var list = root.querySelector(".archive-search__results");
    var status = root.querySelector(".archive-search__status");
    status.textContent =
      total === 0 ? words.none : total === 1 ? words.one : words.many.replace("{n}", total.toLocaleString("nl"));
    data = await data;
    if (!isCurrent()) return;
    list.replaceChildren();
    data.forEach(function (page) {
      var item = el("li", "archive-search__result");
      var link = el("a", null, page.meta.title || page.url); // Pagefind's meta is plain text
      link.href = page.url;
      var heading = el("h3");
      heading.appendChild(link);
      item.appendChild(heading);
      if (page.meta.date) item.appendChild(el("p", "archive-search__date", page.meta.date));
      item.appendChild(excerpt(page.excerpt));
      list.appendChild(item);
    });
    var more = root.querySelector(".archive-search__next");
    more.hidden = total <= shownResults;
    // For bench/pagefind_bench.py: when results were first shown, and a mark at every showing.
    if (!root.dataset.firstResults) {
      root.dataset.firstResultsBy = by; // and which path showed them: "tables" or "pagefind"
      root.dataset.firstResults = String(Math.round(performance.now()));
    }
    performance.mark("archive-search:results");
  }

  async function update() {
    writeAddress();
    var current = ++run;
    var pending = Object.keys(state.filters).length || state.q.trim();
    if (!pending) {
      root.querySelector(".archive-search__status").textContent = words.start;
      root.querySelector(".archive-search__results").replaceChildren();
      root.querySelector(".archive-search__next").hidden = true;
      var all = await pagefind.filters();
      allTables = true;
      if (current === run) renderFilters(merged(all));
      return;
    }
    var search = await pagefind.search(state.q.trim() || null, { filters: keyed(state.filters) });
    if (current !== run || !search) return; // a newer search replaced this one
    var data = fragments(search);
    renderFilters(merged(search.filters || {}));
    await renderResults(search.results.length, data, function () {
      return current === run;
    }, "pagefind");
    // Once the results are shown: the other parts of the split filters in use, for their counts.
    var partial = Object.keys(state.filters).filter(function (name) {
      return split.filters.indexOf(name) >= 0 && !complete[name] && !allTables;
    });
    if (!partial.length) return;
    var whole = await pagefind.search(state.q.trim() || null, { filters: keyed(state.filters, true) });
    partial.forEach(function (name) {
      complete[name] = true;
    });
    if (current === run && whole) renderFilters(merged(whole.filters || {}));
  }

  function layout() {
    var form = el("form", "archive-search__form");
    form.setAttribute("role", "search");
    var input = el("input", "archive-search__input");
    input.type = "search";
    input.name = "q";
    input.placeholder = words.placeholder;
    input.setAttribute("aria-label", words.placeholder);
    input.autocomplete = "off";
    input.value = state.q;
    form.appendChild(input);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var timer = null;
    input.addEventListener("input", function () {
      state.q = input.value;
      shownResults = PAGE;
      clearTimeout(timer);
      if (pagefind && input.value.trim()) pagefind.preload(input.value.trim(), { filters: keyed(state.filters) });
      timer = setTimeout(update, 200);
    });
    var body = el("div", "archive-search__body");
    body.appendChild(el("div", "archive-search__filters"));
    var main = el("div", "archive-search__main");
    main.appendChild(el("p", "archive-search__status", words.loading));
    main.appendChild(el("ol", "archive-search__results"));
    var next = el("button", "archive-search__next", words.next);
    next.type = "button";
    next.hidden = true;
    next.addEventListener("click", function () {
      shownResults += PAGE;
      update();
    });
    main.appendChild(next);
    body.appendChild(main);
    root.replaceChildren(form, body);
  }

  // Pagefind's own fetches go through fetchForPagefind (window.fetch, for URLs under pagefind/):
  //
  // - Pagefind's files are gzip, and Pagefind inflates them in JavaScript on the page's main
  //   thread (some 90 ms of a filtered query at 20,000 articles on the development machine). It
  //   takes files that arrive inflated (it checks for its signature), so they are inflated by the
  //   browser's own DecompressionStream instead, outside JavaScript.
  // - Pagefind asks for pagefind-entry.json (with ?ts= to get it fresh) and the filter tables of
  //   a search only once its module has run and its WebAssembly is ready; the page's head asks
  //   for them at once (the entry from no cache; the tables' files are named by the plugin), and
  //   Pagefind's requests are answered with those responses.
  // - A file that the first screen (below) has read already is handed to Pagefind as it was read.
  //
  // Nothing but Pagefind's requests under pagefind/ is touched.
  var browserFetch = window.fetch;
  var GZIPPED = /\.(pf_meta|pf_index|pf_filter|pf_fragment|pagefind)$/;
  // URL (without the query) -> the response of a request made ahead of Pagefind, by the script
  // in the page's head (overrides/main.html), which runs before the theme's CSS has arrived.
  var early = window.archiveSearchEarly || {};
  // URL (without the query) -> its bytes, inflated, for the first reader of a file that the
  // other (the first screen, Pagefind) will read too.
  var read = {};

  // The bytes of the file under pagefind/ at `key`, inflated: from the request made ahead of
  // Pagefind if there is one, else fetched now (with `resource` and `options`, Pagefind's own).
  function bytesOf(key, resource, options) {
    if (read[key]) return read[key];
    var ahead = early[key];
    delete early[key];
    var response = ahead
      ? ahead.catch(function () {
          return browserFetch(resource, options); // the early request failed: Pagefind's own
        })
      : browserFetch(resource, options);
    read[key] = response.then(async function (response) {
      if (!response.ok) throw new Error(response.status + " " + key);
      var bytes = new Uint8Array(await response.arrayBuffer());
      if (!GZIPPED.test(key) || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // inflated by the server
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    });
    read[key].catch(function () {
      delete read[key]; // asked for again by whoever needs it
    });
    return read[key];
  }

  async function fetchForPagefind(resource, options) {
    var url = new URL(resource instanceof Request ? resource.url : String(resource), document.baseURI);
    if (!url.href.startsWith(bundle.href)) return browserFetch(resource, options);
    var key = url.origin + url.pathname;
    try {
      var bytes = await bytesOf(key, resource, options);
    } catch (error) {
      return browserFetch(resource, options); // Pagefind sees the failure as it would have
    }
    delete read[key]; // Pagefind keeps what it reads
    return new Response(bytes);
  }

  // The first screen of a search by filters alone (no words), shown before Pagefind's
  // WebAssembly is running: Pagefind's own files say it all. A filter table maps each value to
  // the numbers of its pages (in the shard), the shard's metadata maps a number to the page's
  // fragment (its address, title, date and text); such a search gives the pages that have every
  // value asked for, in the order of their numbers, shard after shard (all score the same, and
  // Pagefind's merged results keep the shards' order). The results are Pagefind's, which
  // replaces them once it has searched, with the filters' counts; a test compares the two.
  // Anything unexpected (no names, a file that will not read) leaves the search to Pagefind,
  // which starts only once the first screen is shown (or given up): on the page's one main
  // thread, its start would hold the first screen back.

  // Pagefind's files are its signature, then one CBOR item, read here as far as needed:
  // `item` makes the next item a value, `skip` passes over it, `count` opens an array, `match`
  // tells a text among others.
  function cbor(bytes) {
    var at = 12;
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    var text = new TextDecoder();
    var info = 0;
    function head() {
      var first = bytes[at++];
      info = first & 0x1f;
      var count = info;
      if (info === 24) count = bytes[at++];
      else if (info === 25) (count = view.getUint16(at)), (at += 2);
      else if (info === 26) (count = view.getUint32(at)), (at += 4);
      else if (info === 27) (count = Number(view.getBigUint64(at))), (at += 8);
      else if (info > 27) throw new Error("CBOR of indefinite length");
      return [first >> 5, count];
    }
    function item() {
      var [kind, count] = head();
      switch (kind) {
        case 0:
          return count;
        case 1:
          return -1 - count;
        case 2:
          return bytes.subarray(at, (at += count));
        case 3:
          return text.decode(bytes.subarray(at, (at += count)));
        case 4:
          var items = new Array(count);
          for (var i = 0; i < count; i++) items[i] = item();
          return items;
        case 5:
          var map = {};
          for (var j = 0; j < count; j++) map[item()] = item();
          return map;
        case 6:
          return item(); // a tag: its item
        default:
          if (info === 26) return view.getFloat32(at - 4);
          if (info === 27) return view.getFloat64(at - 8);
          return { 20: false, 21: true, 22: null }[info];
      }
    }
    function skip() {
      var [kind, count] = head();
      if (kind === 2 || kind === 3) at += count;
      else if (kind === 4 || kind === 5) for (var i = count * (kind - 3); i > 0; i--) skip();
      else if (kind === 6) skip();
    }
    // Which of `candidates` (UTF-8) the next item, a text, is (-1 for none); past it.
    function match(candidates) {
      var [kind, length] = head();
      if (kind !== 3) throw new Error("not a text");
      var start = at;
      at += length;
      return candidates.findIndex(function (candidate) {
        if (candidate.length !== length) return false;
        for (var i = 0; i < length; i++) if (candidate[i] !== bytes[start + i]) return false;
        return true;
      });
    }
    function count() {
      var [kind, length] = head();
      if (kind !== 4) throw new Error("not an array");
      return length;
    }
    return { item: item, skip: skip, count: count, match: match };
  }

  // The fragments of the pages numbered `pages` (ascending) in a shard's metadata, an array
  // whose second item lists each page as [fragment, words]: read up to the last of them.
  function fragmentsOf(bytes, pages) {
    var meta = cbor(bytes);
    meta.count();
    meta.skip(); // Pagefind's version
    var listed = meta.count();
    var found = [];
    for (var page = 0, next = 0; next < pages.length && page < listed; page++) {
      if (page !== pages[next]) {
        meta.skip();
        continue;
      }
      meta.count();
      found.push(meta.item());
      meta.skip();
      next++;
    }
    if (found.length !== pages.length) throw new Error("a page not in the metadata");
    return found;
  }

  function shardFile(shard, name) {
    var url = new URL(shard.path + name, bundle);
    return bytesOf(url.href, url.href);
  }

  // The page numbers of each of `values` in a filter table, [name, [[value, [page, ...]], ...]],
  // whose other values are passed over without being decoded.
  function tablePages(bytes, values) {
    var encoder = new TextEncoder();
    var wanted = values.map(function (value) {
      return encoder.encode(value);
    });
    var found = values.map(function () {
      return [];
    });
    var table = cbor(bytes);
    table.count();
    table.skip(); // the filter's name
    for (var left = table.count(); left > 0; left--) {
      table.count();
      var which = table.match(wanted);
      if (which < 0) table.skip();
      else found[which] = table.item();
    }
    return found;
  }

  // The page numbers of one shard that have every value of `wanted` (Pagefind's filter -> its
  // values), ascending; null when the shard lacks one of those filters (left to Pagefind).
  async function pagesOf(shard, wanted) {
    var keys = Object.keys(wanted);
    var missing = keys.some(function (key) {
      return !shard.filters.hasOwnProperty(key);
    });
    if (missing) return null;
    var tables = await Promise.all(
      keys.map(function (key) {
        return shardFile(shard, shard.filters[key]).then(function (bytes) {
          return tablePages(bytes, wanted[key]);
        });
      }),
    );
    var lists = [].concat.apply([], tables);
    lists.sort(function (a, b) {
      return a.length - b.length;
    });
    var others = lists.slice(1).map(function (list) {
      return new Set(list);
    });
    return lists[0]
      .filter(function (page) {
        return others.every(function (set) {
          return set.has(page);
        });
      })
      .sort(function (a, b) {
        return a - b;
      });
  }

  // What Pagefind's result.data() gives of a fragment, as the page uses it (address, meta,
  // excerpt): the excerpt of a search without words is the text's first words.
  function fragmentOf(shard, hash) {
    return shardFile(shard, "fragment/" + hash + ".pf_fragment").then(function (bytes) {
      var fragment = JSON.parse(new TextDecoder().decode(bytes.subarray(12)));
      var content = fragment.content.replace(/</g, "&lt;").replace(/>/g, "&gt;");
      var delimited = content.includes("\u200B");
      var words = delimited ? content.split("\u200B") : content.split(/[\r\n\s]+/g);
      var address = /^(https?:)?\/\//.test(fragment.url)
        ? fragment.url
        : (baseUrl + "/" + fragment.url).replace(/\/+/g, "/").replace(/^(https?:\/)/, "$1/");
      var excerpt = words.slice(0, EXCERPT).join(delimited ? "" : " ").trim();
      return { url: address, meta: fragment.meta || {}, excerpt: excerpt };
    });
  }

  async function firstScreen() {
    var all = [{ path: "", meta: named.meta, filters: named.filters }].concat(named.shards);
    var ready = all.every(function (shard) {
      return shard.meta && shard.filters;
    });
    if (!ready) return null;
    // The metadata read while the tables are on their way (Pagefind reads it all the same).
    var metas = all.map(function (shard) {
      return shardFile(shard, shard.meta);
    });
    var wanted = keyed(state.filters);
    var found = await Promise.all(
      all.map(function (shard) {
        return pagesOf(shard, wanted);
      }),
    );
    if (found.indexOf(null) >= 0) return null;
    var total = 0;
    var shown = found.map(function (pages) {
      var here = pages.slice(0, Math.max(0, shownResults - total));
      total += pages.length;
      return here;
    });
    var hashes = await Promise.all(
      all.map(function (shard, index) {
        if (!shown[index].length) return [];
        return metas[index].then(function (bytes) {
          return fragmentsOf(bytes, shown[index]);
        });
      }),
    );
    var data = [];
    hashes.forEach(function (found, index) {
      found.forEach(function (hash) {
        data.push(fragmentOf(all[index], hash));
      });
    });
    return { total: total, data: Promise.all(data) };
  }

  function bodyParsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", resolve, { once: true });
    });
  }

  readAddress();
  writeAddress(); // at once, before the theme's script reads ?q=
  var address = location.search; // as written: a search the reader changes is written anew
  var inflating = typeof DecompressionStream === "function";
  if (inflating) window.fetch = fetchForPagefind;
  // else Pagefind fetches and inflates its files itself
  var first = null;
  if (inflating && !state.q.trim() && Object.keys(state.filters).length) {
    first = firstScreen().catch(function (error) {
      console.warn("the first screen is left to Pagefind:", error);
      return null;
    });
  }
  // Pagefind starts while the page is still loading (its WebAssembly and metadata, then the
  // index chunks and filter tables of the search in the address: preload()), but after the
  // first screen of a search by filters alone.
  var started = first ? null : startPagefind();
  function startPagefind() {
    return import(new URL("pagefind.js", bundle).href).then(async function (module) {
      // In the page, not in a worker of Pagefind's own: a worker would fetch again what the head
      // preloads, and not through fetchForPagefind.
      var options = { baseUrl: baseUrl, excerptLength: EXCERPT, noWorker: true };
      await module.options(options);
      module.init();
      await Promise.all(
        shards.map(function (path) {
          return module.mergeIndex(new URL(path, bundle).pathname, Object.assign({}, options));
        }),
      );
      if (state.q.trim() || Object.keys(state.filters).length) {
        module.preload(state.q.trim() || null, { filters: keyed(state.filters) }).catch(function () {}); // update() reports
      }
      return module;
    });
  }
  bodyParsed()
    .then(function () {
      root = document.getElementById("archive-search");
      if (!root) return;
      words = root.dataset;
      root.dataset.started = String(scriptStarted); // for bench/pagefind_bench.py
      layout();
      var shown = first
        ? first
            .then(function (screen) {
              if (!screen) return;
              return renderResults(screen.total, screen.data, function () {
                return !root.dataset.firstResults && location.search === address;
              }, "tables");
            })
            .catch(console.error)
        : null;
      return Promise.resolve(shown)
        .then(function () {
          return started || startPagefind();
        })
        .then(function (module) {
          pagefind = module;
          // A search by words or filters loads only the filter tables it needs; the counts of
          // every filter are loaded on request ("Alle filters tonen"), or for an empty search.
          return update();
        });
    })
    .catch(function (error) {
      if (root) root.querySelector(".archive-search__status").textContent = words.unavailable;
      console.error(error);
    })
    .then(function () {
      // The first search is shown (or failed): the page (overrides/main.html) now adds the
      // theme's scripts, held back until here so as not to take the main thread from it.
      window.archiveSearchSettled = true;
      document.dispatchEvent(new Event("archive-search:settled"));
    });
})();

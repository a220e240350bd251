// devpulse pulse widget: shows the signed-in person's pending pulse question
// inside an internal tool and records the answer. No dependencies.
//
//   <script src="{DEVPULSE_BASE_URL}/widget.js" defer></script>   (your own devpulse server, never a third party)
//   <div id="devpulse-pulse"></div>   (optional: an inline card here; else a toast)
//
// The tool's origin must be listed in DEVPULSE_WIDGET_ORIGINS.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) for (var k in style) e.style[k] = style[k];
    return e;
  }

  function show(d) {
    var ask = d.ask;
    // word is one of the widget's words in the reader's language, English
    // when the server sent none.
    function word(key, english) { return (ask.labels && ask.labels[key]) || english; }
    var slot = document.getElementById("devpulse-pulse");
    var card = el("section", "", {
      font: "14px/1.4 system-ui, sans-serif", color: "#1d2433", background: "#fff",
      border: "1px solid #c9d1e3", borderRadius: "10px", padding: "14px 16px", maxWidth: "360px",
      boxShadow: "0 6px 24px rgba(29,36,51,.18)"
    });
    if (!slot) {
      card.style.position = "fixed"; card.style.right = "20px"; card.style.bottom = "20px"; card.style.zIndex = "2147483000";
    }
    card.setAttribute("data-devpulse-widget", "");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", "devpulse pulse question");
    card.appendChild(el("p", ask.programme, { margin: "0 0 4px", color: "#5c6577", fontSize: "12px" }));
    card.appendChild(el("p", ask.question, { margin: "0 0 10px", fontWeight: "600" }));
    var rating = 0;
    var row = el("div", "", { display: "flex", gap: "6px", marginBottom: "10px" });
    var buttons = [];
    ask.ratings.forEach(function (label, i) {
      var b = el("button", String(i + 1), { flex: "1", padding: "6px 0", border: "1px solid #3b5bdb", borderRadius: "6px", background: "#fff", color: "#3b5bdb", cursor: "pointer" });
      b.type = "button";
      b.title = label;
      b.setAttribute("aria-label", label);
      b.setAttribute("data-rating", String(i + 1));
      b.addEventListener("click", function () {
        rating = i + 1;
        buttons.forEach(function (x, j) { x.style.background = j === i ? "#3b5bdb" : "#fff"; x.style.color = j === i ? "#fff" : "#3b5bdb"; x.setAttribute("aria-pressed", String(j === i)); });
        send.disabled = false;
      });
      buttons.push(b);
      row.appendChild(b);
    });
    card.appendChild(row);
    var comment = null;
    if (ask.comment) {
      card.appendChild(el("label", ask.comment + " " + word("optional", "(optional)"), { display: "block", marginBottom: "4px" }));
      comment = el("textarea", "", { width: "100%", boxSizing: "border-box", minHeight: "54px", marginBottom: "8px" });
      comment.maxLength = 2000;
      comment.setAttribute("data-devpulse-comment", "");
      card.appendChild(comment);
    }
    var status = el("p", "", { margin: "0 0 8px", color: "#c92a2a" });
    status.setAttribute("role", "status");
    card.appendChild(status);
    var actions = el("div", "", { display: "flex", gap: "8px", justifyContent: "flex-end" });
    var later = el("button", word("not_now", "Not now"), { background: "none", border: "0", color: "#5c6577", cursor: "pointer" });
    later.type = "button";
    later.addEventListener("click", function () { card.remove(); });
    var send = el("button", word("send", "Send"), { background: "#3b5bdb", color: "#fff", border: "0", borderRadius: "6px", padding: "6px 14px", cursor: "pointer" });
    send.type = "button";
    send.disabled = true;
    send.setAttribute("data-devpulse-send", "");
    send.addEventListener("click", function () {
      send.disabled = true;
      fetch(base + "/widget/answer", {
        method: "POST", credentials: "include",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ask_id: ask.id, rating: rating, comment: comment ? comment.value : "" })
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, body: j }; });
      }).then(function (res) {
        if (!res.ok) { status.textContent = res.body.error || word("failed", "Could not send; try again."); send.disabled = false; return; }
        while (card.firstChild) card.removeChild(card.firstChild);
        var done = el("p", res.body.message, { margin: "0" });
        done.setAttribute("data-devpulse-thanks", "");
        card.appendChild(done);
        setTimeout(function () { if (!slot) card.remove(); }, 6000);
      }).catch(function () { status.textContent = word("unreachable", "Could not reach devpulse; try again."); send.disabled = false; });
    });
    actions.appendChild(later);
    actions.appendChild(send);
    card.appendChild(actions);
    (slot || document.body).appendChild(card);
  }

  fetch(base + "/widget/ask", { credentials: "include" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (d) { if (d && d.ask) show(d); })
    .catch(function () {});
})();

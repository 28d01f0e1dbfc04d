// draftlint serve: the page. Every draft goes to /api/check (the same path scripts use);
// findings are highlighted in the text and listed beside it in the terminal's order and words.
// Columns from the server count Unicode code points: lines are split with Array.from, never
// indexed as JavaScript (UTF-16) strings. Text from drafts is set with textContent only.
"use strict";

const LABELS = { error: "错误", warning: "警告", info: "提示" };
const UNMARKED = new Set(["input-error", "copy", "internal-error"]);
const drafts = []; // { name, file (Blob), data (the /api/check answer), card }

const $ = (selector, root = document) => root.querySelector(selector);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function status(message, isError = false) {
  const node = $("#status");
  node.textContent = message;
  node.classList.toggle("error", isError);
}

function profileChoice() {
  return $("#profile").value;
}

function form(blob, name) {
  const data = new FormData();
  data.append("file", blob, name);
  data.append("profile", profileChoice());
  return data;
}

async function post(path, data) {
  const response = await fetch(path, { method: "POST", body: data });
  if (!response.ok) {
    let message = `请求失败（${response.status}）`;
    try {
      message = (await response.json()).error || message;
    } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

async function loadProfiles() {
  const response = await fetch("/api/profiles");
  const body = await response.json();
  const select = $("#profile");
  for (const profile of body.profiles) {
    const option = element("option", "", `${profile.title}（${profile.id}）`);
    option.value = profile.id;
    select.append(option);
  }
  if (body.default && body.default !== "auto") select.value = body.default;
}

// -- checking ---------------------------------------------------------------------------

async function checkBlob(blob, name) {
  const response = await post("/api/check", form(blob, name));
  return response.json();
}

async function addDrafts(items) {
  let done = 0;
  for (const { blob, name } of items) {
    status(`正在检查 ${name}……`);
    try {
      const data = await checkBlob(blob, name);
      const draft = { name: data.path || name, file: blob, data, card: null };
      drafts.push(draft);
      draft.card = render(draft);
      $("#results").append(draft.card);
      done += 1;
    } catch (error) {
      status(`${name}：${error.message}`, true);
      return;
    }
  }
  status(`已检查 ${done} 份文稿。`);
  updateBatchButtons();
}

async function recheckAll() {
  for (const draft of drafts) {
    try {
      draft.data = await checkBlob(draft.file, draft.name);
      const card = render(draft);
      draft.card.replaceWith(card);
      draft.card = card;
    } catch (error) {
      status(`${draft.name}：${error.message}`, true);
      return;
    }
  }
  if (drafts.length) status(`已按所选规则集重新检查 ${drafts.length} 份文稿。`);
}

function updateBatchButtons() {
  $("#report").hidden = drafts.length < 2;
  $("#clear").hidden = drafts.length === 0;
}

// -- one draft's card -------------------------------------------------------------------

function render(draft) {
  const data = draft.data;
  const card = $("#draft-template").content.firstElementChild.cloneNode(true);
  $(".name", card).textContent = draft.name;
  $(".profile", card).textContent = data.profile ? data.profile.line : "";
  $(".summary", card).textContent = data.summary;

  const actions = $(".actions", card);
  if (data.format === "docx" && !data.failed) {
    const button = element("button", "annotate", "下载带批注的 Word 文档");
    button.type = "button";
    // the page asks for one comment per run of repeated punctuation in a paragraph
    button.addEventListener("click", () => download(draft, "/api/annotate", { group: "1" }));
    actions.append(button);
  }
  if (data.fixable > 0) {
    const button = element("button", "fix", `下载修正后的文本（${data.fixable} 处可自动修正）`);
    button.type = "button";
    button.addEventListener("click", () => download(draft, "/api/fix"));
    actions.append(button);
  }

  const marks = renderText($(".text", card), data);
  renderFindings($(".findings", card), data, marks);
  renderChecklist($(".checklist", card), data);
  return card;
}

function spansOnLine(findings, number, length) {
  // [start, end, index] in code points of this line, for every finding touching it.
  const spans = [];
  findings.forEach((f, index) => {
    if (UNMARKED.has(f.rule) || number < f.line || number > f.end_line) return;
    let start = number === f.line ? f.column - 1 : 0;
    let end = number === f.end_line ? f.end_column - 1 : length;
    start = Math.min(start, length);
    end = Math.min(end, length);
    if (end <= start) spans.push([start, start + 1, index, true]); // a point: its character
    else spans.push([start, end, index, false]);
  });
  return spans;
}

const RANK = { error: 3, warning: 2, info: 1 };

function renderText(container, data) {
  const marks = new Map(); // finding index -> first mark element
  data.lines.forEach((line, i) => {
    const number = i + 1;
    const chars = Array.from(line);
    const row = element("div", "line");
    row.append(element("span", "ln", String(number)));
    const text = element("span", "lt");
    const spans = spansOnLine(data.findings, number, chars.length);
    const cuts = new Set([0, chars.length]);
    for (const [start, end] of spans) {
      cuts.add(start);
      cuts.add(Math.min(end, chars.length));
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k < points.length - 1; k += 1) {
      const from = points[k];
      const to = points[k + 1];
      const piece = chars.slice(from, to).join("");
      const covering = spans.filter(([s, e]) => s <= from && to <= e);
      if (!covering.length) {
        text.append(document.createTextNode(piece));
        continue;
      }
      text.append(markFor(piece, covering, data, marks));
    }
    // Points past the end of the line (a missing full stop, an empty line): a marker.
    const after = spans.filter(([s]) => s >= chars.length);
    if (after.length) text.append(markFor("▮", after, data, marks));
    row.append(text);
    container.append(row);
  });
  return marks;
}

function markFor(piece, covering, data, marks) {
  const worst = covering
    .map(([, , index]) => data.findings[index].severity)
    .sort((a, b) => RANK[b] - RANK[a])[0];
  const mark = element("mark", worst, piece);
  if (covering.some(([, , , point]) => point)) mark.classList.add("point");
  mark.dataset.findings = covering.map(([, , index]) => index).join(",");
  mark.title = covering
    .map(([, , index]) => {
      const f = data.findings[index];
      return `${LABELS[f.severity]}[${f.rule}] ${f.message}`;
    })
    .join("\n");
  for (const [, , index] of covering) if (!marks.has(index)) marks.set(index, mark);
  mark.addEventListener("click", () => {
    const first = Number(mark.dataset.findings.split(",")[0]);
    const item = mark.closest(".draft").querySelector(`li[data-finding="${first}"]`);
    if (item) flash(item);
  });
  return mark;
}

function renderFindings(list, data, marks) {
  if (!data.findings.length) {
    list.replaceWith(element("p", "none", "未发现问题。"));
    return;
  }
  data.findings.forEach((f, index) => {
    const item = element("li");
    item.dataset.finding = String(index);
    item.append(element("span", "pos", `${f.line}:${f.column} `));
    item.append(element("span", `sev ${f.severity}`, LABELS[f.severity]));
    item.append(element("span", "rule", `[${f.rule}]`));
    item.append(document.createTextNode(` ${f.message}`));
    if (f.fix) {
      const hint = f.fix.replacement ? `可自动修正为：${f.fix.replacement}` : "可自动删除";
      item.append(element("div", "fixhint", hint));
    }
    item.addEventListener("click", () => {
      const mark = marks.get(index);
      if (mark) flash(mark);
    });
    list.append(item);
  });
}

function renderChecklist(list, data) {
  for (const row of data.requirements) {
    const item = element("li", row.passed ? "pass" : "fail");
    item.append(element("span", "tick", row.passed ? "✓" : "✗"));
    const count = row.failures > 1 ? `（${row.failures} 处）` : "";
    item.append(document.createTextNode(`${row.title}${count}`));
    item.title = row.key;
    list.append(item);
  }
}

function flash(node) {
  node.scrollIntoView({ block: "center", behavior: "smooth" });
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1500);
}

// -- downloads --------------------------------------------------------------------------

function filenameOf(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(header);
  return match ? decodeURIComponent(match[1]) : fallback;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function download(draft, path, extra = {}) {
  try {
    status(`正在生成 ${draft.name} 的下载文件……`);
    const data = form(draft.file, draft.name);
    for (const [key, value] of Object.entries(extra)) data.append(key, value);
    const response = await post(path, data);
    save(await response.blob(), filenameOf(response, draft.name));
    status("已开始下载。");
  } catch (error) {
    status(`${draft.name}：${error.message}`, true);
  }
}

async function downloadReport() {
  const data = new FormData();
  for (const draft of drafts) data.append("file", draft.file, draft.name);
  data.append("profile", profileChoice());
  try {
    status("正在生成汇总报告……");
    const response = await post("/api/report", data);
    save(await response.blob(), filenameOf(response, "draftlint-报告.html"));
    status("已开始下载汇总报告。");
  } catch (error) {
    status(error.message, true);
  }
}

// -- wiring -----------------------------------------------------------------------------

function filesFrom(list) {
  return Array.from(list).map((file) => ({ blob: file, name: file.name }));
}

document.addEventListener("DOMContentLoaded", () => {
  loadProfiles().catch((error) => status(`无法读取规则集列表：${error.message}`, true));
  const drop = $("#drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    addDrafts(filesFrom(event.dataTransfer.files));
  });
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") $("#files").click();
  });
  $("#files").addEventListener("change", (event) => {
    addDrafts(filesFrom(event.target.files));
    event.target.value = "";
  });
  $("#check-text").addEventListener("click", () => {
    const text = $("#pasted").value;
    if (!text.trim()) {
      status("请先粘贴文稿的文字。", true);
      return;
    }
    const blob = new Blob([text], { type: "text/plain" });
    addDrafts([{ blob, name: "粘贴的文字.txt" }]);
  });
  $("#profile").addEventListener("change", recheckAll);
  $("#report").addEventListener("click", downloadReport);
  $("#clear").addEventListener("click", () => {
    drafts.length = 0;
    $("#results").replaceChildren();
    updateBatchButtons();
    status("");
  });
});

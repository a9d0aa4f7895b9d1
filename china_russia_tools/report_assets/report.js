
(() => {
  const tip = document.getElementById("crt-tip");
  let current = null;
  function place() {
    const box = current.getBoundingClientRect();
    const above = box.top - 14, below = innerHeight - box.bottom - 14;
    const downward = tip.scrollHeight <= below || below >= above;
    tip.style.maxHeight = Math.max(below, above) + "px";
    tip.style.left = Math.max(8, Math.min(box.left, innerWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = (downward ? box.bottom + 6 : Math.max(8, box.top - 6 - tip.offsetHeight)) + "px";
  }
  function open(mark) {
    if (mark === current) return;
    current = mark;
    tip.innerHTML = document.getElementById("row-" + mark.dataset.id).innerHTML;
    tip.hidden = false;
    tip.style.maxHeight = "none";
    place();
  }
  function close() { tip.hidden = true; current = null; }
  document.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark[data-id]");
    if (mark) open(mark); else if (!tip.contains(event.target)) close();
  });
  document.addEventListener("focusin", (event) => {
    const mark = event.target.closest("mark[data-id]");
    if (mark) open(mark); else close();
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") close(); });
  addEventListener("scroll", () => { if (current) place(); }, { passive: true });
})();

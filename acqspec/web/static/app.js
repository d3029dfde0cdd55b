// acqspec web workspace: the only script besides htmx (no inline script: the CSP forbids it).
// After htmx puts new content in place, move the keyboard focus to its heading so that
// keyboard and screen-reader users land on the result (or the error) they asked for.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (!target || target.id === "questions") {
    return;
  }
  var heading = target.querySelector("[tabindex='-1']");
  if (heading) {
    heading.focus();
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  // A refused questionnaire: focus the list of problems.
  var problems = document.getElementById("problems");
  if (event.detail.target && event.detail.target.id === "questions" && problems &&
      event.detail.requestConfig && event.detail.requestConfig.path === "/generate/preview") {
    problems.querySelector("[tabindex='-1']").focus();
  }
});

// The preview link carries the form's current, unsaved values, so the PDF follows the typing.
document.addEventListener("click", function (event) {
  var link = event.target.closest("#documents-preview");
  if (!link) return;
  var form = document.querySelector("#documenttype_form");
  if (!form) return;
  var url = new URL(link.href, window.location.href);
  ["name", "body", "classification_code", "page_size"].forEach(function (name) {
    var field = form.elements[name];
    if (field) url.searchParams.set(name, field.value);
  });
  link.href = url.toString();
});

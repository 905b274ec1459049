"""Forms that collect what the services check; the rules themselves live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.feedback.choices import RespondentEducation, RespondentOccupation, RespondentSex
from balai.feedback.ikm import ELEMENTS
from balai.feedback.services import SurveyAnswers


class SurveyForm(forms.Form):
    """The nine questions with the regulation's answer words, then the respondent profile."""

    age = forms.IntegerField(label=_("Umur"), min_value=0, max_value=200)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=RespondentSex.choices, widget=forms.RadioSelect
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=RespondentEducation.choices
    )
    occupation = forms.ChoiceField(label=_("Pekerjaan"), choices=RespondentOccupation.choices)
    comment = forms.CharField(
        label=_("Saran dan masukan (boleh dikosongkan)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, element in enumerate(ELEMENTS, start=1):
            self.fields[element.code] = forms.TypedChoiceField(
                label=f"{number}. {element.name}",
                choices=[(str(i), label) for i, label in enumerate(element.labels, start=1)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "score"}),
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        # Questions first, as the regulation's questionnaire orders them.
        order = [e.code for e in ELEMENTS] + ["age", "sex", "education", "occupation", "comment"]
        self.order_fields(order)

    def element_fields(self) -> list[forms.BoundField]:
        return [self[e.code] for e in ELEMENTS]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("age", "sex", "education", "occupation", "comment")]

    def answers(self) -> SurveyAnswers:
        data = self.cleaned_data
        return SurveyAnswers(
            scores={e.code: data[e.code] for e in ELEMENTS},
            age=data["age"],
            sex=data["sex"],
            education=data["education"],
            occupation=data["occupation"],
            comment=data.get("comment", ""),
        )


class IkmFilterForm(forms.Form):
    """The report's filters; the choices offered are only what the viewer may see."""

    service = forms.ModelChoiceField(label=_("Layanan"), queryset=None, required=False)
    agency = forms.ModelChoiceField(label=_("Instansi"), queryset=None, required=False)
    service_point = forms.ModelChoiceField(label=_("Tempat layanan"), queryset=None, required=False)
    start = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, services: Any, agencies: Any, points: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["agency"].queryset = agencies
        self.fields["service_point"].queryset = points

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data

from __future__ import annotations

from django import forms

from .services import QUESTION_MAX


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="Your question",
        help_text="Do not include anything urgent. If you feel very unwell, call 111 or, in an emergency, 999.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=QUESTION_MAX,
        error_messages={
            "required": "Enter your question",
            "max_length": f"Your question must be {QUESTION_MAX} characters or fewer",
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer to the patient",
        help_text="Write in plain words. The patient reads it after signing in with NHS login.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=QUESTION_MAX,
        error_messages={
            "required": "Enter your answer",
            "max_length": f"Your answer must be {QUESTION_MAX} characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

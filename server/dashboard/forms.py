"""Input validation for the dashboard's filters and actions (plain Django forms)."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone

from server.apikeys.models import RetentionLevel
from server.apikeys.scopes import DEFAULT_SCOPES, SCOPES
from server.audit.event_types import EVENT_TYPES
from server.generations.models import ReviewDecision
from server.policies.models import SafetyPolicy


class GenerationFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", widget=forms.TextInput(
        attrs={"placeholder": "prompt, id, owner, watermark id"}))
    status = forms.ChoiceField(required=False)
    family = forms.ChoiceField(required=False)
    model = forms.ChoiceField(required=False)
    decision = forms.ChoiceField(required=False)
    category = forms.ChoiceField(required=False)
    key = forms.ChoiceField(required=False, label="API key")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)

        def options(values, any_label="any"):
            return [("", any_label), *[(v, v) for v in values]]

        self.fields["status"].choices = options(choices["statuses"])
        self.fields["family"].choices = options(choices["families"])
        self.fields["model"].choices = options(choices["models"])
        self.fields["decision"].choices = options(choices["decisions"])
        self.fields["category"].choices = options(choices["categories"])
        self.fields["key"].choices = [("", "any"), *[(p, f"{p}… {n}".strip()) for p, n in choices["keys"]]]


class AuditFilterForm(forms.Form):
    event_type = forms.ChoiceField(required=False, choices=[("", "any"), *[(t, t) for t in EVENT_TYPES]])
    actor_name = forms.CharField(required=False, label="Actor")
    object_type = forms.CharField(required=False)
    object_id = forms.CharField(required=False)
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To (inclusive)", widget=forms.DateInput(attrs={"type": "date"}))

    def window(self) -> tuple[datetime | None, datetime | None]:
        """The date range as aware datetimes: [since 00:00, the day after until 00:00)."""
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        tz = timezone.get_current_timezone()
        start = datetime.combine(since, time.min, tzinfo=tz) if since else None
        end = (datetime.combine(until, time.min, tzinfo=tz) + timezone.timedelta(days=1)) if until else None
        return start, end


class ExportForm(AuditFilterForm):
    format = forms.ChoiceField(choices=[("jsonl", "JSONL"), ("csv", "CSV")], initial="jsonl")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=ReviewDecision.choices)
    reason = forms.CharField(max_length=2000, strip=True)
    ids = forms.CharField(required=False)  # read with getlist in the view


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, help_text="What the key is for.")
    owner = forms.CharField(max_length=150, help_text="Username of the client account (created if new).")
    scopes = forms.MultipleChoiceField(choices=[(s, f"{s} — {d}") for s, d in SCOPES.items()],
                                       widget=forms.CheckboxSelectMultiple, initial=DEFAULT_SCOPES)
    prompt_retention = forms.ChoiceField(choices=RetentionLevel.choices, initial=RetentionLevel.FULL,
                                         label="Prompt retention")
    expires_at = forms.DateField(required=False, label="Expires on", widget=forms.DateInput(attrs={"type": "date"}))
    policy = forms.ModelChoiceField(queryset=SafetyPolicy.objects.all(), required=False, to_field_name="version",
                                    empty_label="service default", label="Safety policy")

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value is None:
            return None
        expires = datetime.combine(value, time.min, tzinfo=timezone.get_current_timezone())
        if expires <= timezone.now():
            raise forms.ValidationError("pick a date in the future")
        return expires


class PolicyAssignForm(forms.Form):
    policy = forms.ModelChoiceField(queryset=SafetyPolicy.objects.all(), required=False, to_field_name="version",
                                    empty_label="service default")


class PolicyEditForm(forms.Form):
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code"}),
                              help_text="TOML (as in safety/policies/default.toml) or JSON. Saving stores a new "
                                        "version; existing versions never change.")


class VerifyForm(forms.Form):
    file = forms.FileField(help_text="PNG, JPEG, WebP or UTF-8 text.")
    sidecar = forms.FileField(required=False, label="C2PA sidecar", help_text="Its .c2pa file, for text content.")

    def clean(self):
        data = super().clean()
        for name in ("file", "sidecar"):
            upload = data.get(name)
            if upload is not None and upload.size > settings.VERIFY_MAX_BYTES:
                self.add_error(name, f"files up to {settings.VERIFY_MAX_BYTES:,} bytes are accepted")
        return data

"""Controlled vocabularies shared by the clause library, the generator and the checker.

They are data, not behaviour: adding a topic or a profile fact here is the
only change needed for the schema, the JSON Schema export and validation to
accept it.
"""

from __future__ import annotations

# Topic id -> (heading used in generated documents, one-line scope).
# Order matters: it is the order of sections in generated specifications.
TOPICS: dict[str, tuple[str, str]] = {
    "testing-evaluation": ("Testing and Evaluation",
                           "Pre-deployment and ongoing T&E, agency-held test data, independent evaluation, "
                           "bias testing, red-teaming, disclosure of results."),
    "risk-management": ("Risk Management and Impact Assessment",
                        "AI impact assessments, risk identification and mitigation, risk reviews."),
    "transparency": ("Transparency and Documentation",
                     "Model, data and system documentation, provenance, notice of AI features."),
    "performance": ("Performance Evaluation and Improvement",
                    "Metrics, monitoring cadence, drift, change control and roll-back."),
    "data-rights": ("Data Ownership and Rights",
                    "Government data, data first produced, models, weights, outputs, training restrictions."),
    "data-management": ("Data Management, Privacy and Security",
                        "Data minimisation, retention, privacy, security controls and deletion."),
    "portability": ("Portability and Vendor Lock-in",
                    "Knowledge transfer, data and model export, transition, pricing transparency."),
    "human-oversight": ("Human Oversight",
                        "Human review of AI outputs, intervention, fail-safes and decision authority."),
    "incident-reporting": ("Incident Reporting",
                           "Reporting of AI incidents and malfunctions and their remediation."),
    "environmental": ("Environmental Efficiency and Sustainability",
                      "Energy, carbon and water reporting and efficiency measures."),
    "prohibited-uses": ("Prohibited Uses",
                        "Uses of AI that DHS Directive 139-08 §V.A.9 forbids."),
    "generative-ai": ("Generative AI",
                      "Requirements specific to generative AI and large language models."),
    "biometrics": ("Biometrics and Face Recognition",
                   "Face recognition and capture, biometric matching, thresholds and audit logs."),
    "personnel-training": ("Personnel Training",
                           "Training of Government and contractor personnel who use or oversee the AI."),
    "notice-appeal": ("Notice, Appeal and Opt-out",
                      "Notice to affected people, appeal, remedy, feedback and opt-out mechanisms."),
    "commercial-terms": ("Commercial Licence Terms",
                         "Terms in vendor licences and terms of service that must not bind the Government."),
}

# Profile facts a clause's applicability may test.  Each is a yes/no answer
# derived from the acquisition profile; the text is how the generator explains
# a selection ("selected because: the AI is rights-impacting").
FACTS: dict[str, str] = {
    "rights_impacting": "the AI is rights-impacting",
    "safety_impacting": "the AI is safety-impacting",
    "high_impact": "the AI is high-impact (rights- or safety-impacting)",
    "generative_ai": "the acquisition includes generative AI",
    "enterprise_genai": "the acquisition is enterprise-wide general-use generative AI",
    "llm": "the acquisition includes a large language model",
    "biometrics": "the AI processes biometric data",
    "face_recognition": "the AI performs face recognition or face capture",
    "pii": "the AI processes personally identifiable information",
    "law_enforcement": "the AI is used for law-enforcement purposes",
    "benefits_decisions": "the AI informs decisions on benefits or services to the public",
    "public_facing": "the AI interacts with or makes decisions about members of the public",
    "national_security": "the AI is part of a National Security System or Intelligence Community use",
    "custom_development": "the acquisition is custom development",
    "commercial_product": "the acquisition is a commercial product",
    "saas": "the acquisition is a commercial software-as-a-service offering",
    "commercial": "the acquisition is commercial (a commercial product or SaaS)",
    "modification": "the acquisition modifies an existing contract",
    "trains_on_government_data": "the contractor trains or fine-tunes models on Government data",
    "contractor_hosted": "the system is hosted by the contractor or a cloud provider",
}

PARTIES = ("contractor", "government")
MODALITIES = ("must", "must_not", "may")
VERIFICATION_METHODS = ("test", "demonstration", "inspection", "analysis")
CLAUSE_STATUSES = ("draft", "approved", "retired")
AUTHORITY_STATUSES = ("in_force", "superseded", "rescinded", "revoked")
AUTHORITY_KINDS = ("directive", "policy_statement", "omb_memorandum", "executive_order",
                   "regulation", "statute", "standard", "guidance")

# Units a numeric constraint may use, grouped by what they measure, with the
# factor that converts each to the group's base unit (hours, days, percent...).
UNITS: dict[str, tuple[str, float]] = {
    "minutes": ("duration", 1 / 60),
    "hours": ("duration", 1.0),
    "days": ("duration", 24.0),
    "business_days": ("duration", 24.0 * 7 / 5),
    "weeks": ("duration", 24.0 * 7),
    "months": ("duration", 24.0 * 30.4375),
    "years": ("duration", 24.0 * 365.25),
    "percent": ("ratio", 1.0),
    "count": ("count", 1.0),
}

# A numeric constraint is either an upper bound (the number may not grow:
# "within 72 hours", "at least every 3 years") or a lower bound (it may not
# shrink: "retain for at least 90 days", "at least 2 reviewers").
BOUNDS = ("max", "min")

"""Build the binary sample documents that reviewers try the checker on.

The text of every sample lives in this file as plain Python data, so a
reviewer can read and diff it; the .docx and .pdf files are regenerated from
it.  The Markdown samples (``sows/fema-damage-assessment-draft-sow.md`` and
``proposals/lumen-genai-terms.md``) are hand-edited sources and are not
written by this script.

Usage (from the repository root, with acqspec installed)::

    python samples/make_samples.py            # rebuild the .docx and .pdf samples
    python samples/make_samples.py --verify   # check that every anchor in expected.yaml
                                              # occurs in exactly one sentence of its document
    python samples/make_samples.py --docx-dir /tmp/nw   # also keep the Word source of the PDF

What is planted in each sample, and why, is recorded in ``samples/expected.yaml``
and explained in ``samples/README.md``.  The .docx bytes are deterministic
(``acqspec.io.docx_out``); the PDF is converted by LibreOffice
(``soffice --headless --convert-to pdf``) and its dates and document id are
then fixed, so rebuilding gives the same bytes with the same LibreOffice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# Content model: a document is a list of (kind, ...) tuples.
#   ("title", text) ("subtitle", text) ("h1", text) ("h2", text) ("h3", text)
#   ("p", text)      body paragraph
#   ("b", text)      bulleted paragraph (List Bullet)
#   ("n", text)      numbered paragraph (List Number)
#   ("note", text)   italic note
#   ("table", header_tuple, [row_tuple, ...])
#   ("pagebreak",)
# --------------------------------------------------------------------------------------------

# ============================================================================================
# 1. USCIS draft SOW (sows/uscis-genai-draft-sow.docx)
#    Profile: profiles/uscis-genai-case-assistant.yaml.  Written as a contracting office
#    would; the planted problems are listed in expected.yaml and marked "PLANTED" below.
# ============================================================================================

USCIS_HEADER = "DRAFT v0.3 - For internal USCIS review - Not for release"
USCIS_FOOTER = "Solicitation 70SBUR26Q00000045 - Statement of Work - Case Summary Assistant"

USCIS_SOW: list[tuple] = [
    ("title", "Statement of Work"),
    ("subtitle", "Case Summary Assistant for Benefit Adjudicators"),
    ("p", "U.S. Citizenship and Immigration Services (USCIS), Service Center Operations Directorate (SCOPS). "
          "Solicitation 70SBUR26Q00000045."),
    ("note", "Draft 0.3 prepared by the SCOPS Acquisition Planning Team for review by the Office of Chief Counsel, "
             "the Office of Privacy and the USCIS Chief AI Officer. Comments are due by 2 March 2026."),

    ("h1", "1. Background"),
    ("p", "USCIS Service Center Operations adjudicates employment-based, family-based and humanitarian benefit "
          "requests at four service centers. A typical case file holds between 40 and 400 pages of forms, "
          "evidence and correspondence, and adjudicators spend much of their time locating the evidence that "
          "bears on each eligibility requirement."),
    ("p", "SCOPS intends to acquire a commercial generative artificial intelligence (AI) service that drafts a "
          "summary of the evidence in an electronic case file and points the adjudicator to the pages that "
          "support each statement in the summary. The adjudicator reads the file and decides the case. The "
          "assistant does not recommend an outcome, and SCOPS does not intend to use it to score or rank "
          "applicants."),
    ("p", "Because the assistant informs decisions on benefit requests and processes personally identifiable "
          "information (PII), USCIS treats this use of AI as rights-impacting under DHS Directive 139-08 and "
          "the OMB memoranda on Federal use and acquisition of AI. This SOW therefore includes the testing, "
          "risk management, transparency, oversight and data-protection requirements that apply to "
          "rights-impacting and generative AI."),

    ("h1", "2. Scope"),
    ("p", "The Contractor shall provide the case summary service as a software-as-a-service (SaaS) offering for "
          "up to 1,800 named adjudicator users, together with the configuration, integration, testing, "
          "documentation, training and transition support described in this SOW."),
    ("p", "The service connects to the USCIS electronic case management system through the Government's "
          "integration platform. The following are out of scope:"),
    ("n", "drafting of decisions, requests for evidence or notices;"),
    ("n", "any automated eligibility determination; and"),
    ("n", "processing of classified information."),

    ("h1", "3. Applicable Documents"),
    ("b", "DHS Directive 139-08, Artificial Intelligence Use and Acquisition (January 2025)."),
    ("b", "OMB Memorandum M-25-21, Accelerating Federal Use of AI through Innovation, Governance, and Public "
          "Trust (April 2025)."),
    ("b", "OMB Memorandum M-25-22, Driving Efficient Acquisition of Artificial Intelligence in Government "
          "(April 2025)."),
    ("b", "NIST AI 100-1, Artificial Intelligence Risk Management Framework, and NIST AI 600-1, Generative AI "
          "Profile."),
    ("b", "NIST SP 800-218, Secure Software Development Framework, and NIST SP 800-218A."),
    ("b", "The Privacy Act of 1974 and DHS privacy policy."),

    ("h1", "4. Definitions"),
    ("p", "Government data means all data the Government or its users provide to the service, including case "
          "file content, prompts and instructions, and all outputs, logs, metadata and usage data the service "
          "generates for the Government."),
    ("p", "Model change means a new, retrained or fine-tuned model version, a different underlying model, or a "
          "change to system prompts, content filters, thresholds or other configuration that can affect "
          "outputs."),
    ("p", "Serious AI incident means an event in which the service malfunctions or is misused in a way that "
          "harms or could harm an individual, affects a benefit decision, exposes Government data, or "
          "diminishes civil rights or civil liberties."),
    ("p", "Derived product means any asset the Contractor creates by transforming Government data, such as "
          "labelled datasets, embeddings, vector indexes, adapters and fine-tuned models."),

    ("h1", "5. Requirements"),
    ("p", "The Contractor shall perform the tasks in this section for the whole period of performance, "
          "including any option period."),

    ("h2", "5.1 Program Management"),
    # PLANTED AQ401: passive requirement that names nobody.
    ("p", "5.1.1 Kickoff. The program kickoff meeting shall be conducted within 10 business days after award."),
    ("p", "5.1.2 Program manager. The Contractor shall designate a program manager who is the Government's "
          "single point of contact for all work under this SOW, and shall hold a status meeting with the "
          "Contracting Officer's Representative (COR) every two weeks."),
    # PLANTED AQ402: unmeasurable term, no number.
    ("p", "5.1.3 Help desk. The Contractor shall respond to adjudicator help-desk tickets in a timely manner."),
    # PLANTED AQ403: placeholder left in the text.
    ("p", "5.1.4 Capacity. The Contractor shall support up to XX concurrent adjudicator sessions during peak "
          "filing periods."),

    ("h2", "5.2 Service Functions"),
    ("p", "5.2.1 Case summaries. The Contractor shall provide a service that, for each case file an adjudicator "
          "opens, drafts a summary of the evidence organised by eligibility requirement and links every "
          "statement in the summary to the page or pages of the file that support it."),
    ("p", "5.2.2 Questions about the file. The Contractor shall provide a search function that lets an "
          "adjudicator ask questions about the case file in plain English and returns answers with page "
          "citations."),
    # PLANTED AQ301 (PU-02): emotion and deception inference about applicants, a prohibited use.
    ("p", "5.2.3 Fraud indicators. The Contractor shall provide a fraud-indicator panel that applies sentiment "
          "analysis and deception detection to applicant declarations and interview transcripts and flags "
          "applicants whose statements show signs of deception for referral to the Fraud Detection and "
          "National Security Directorate."),
    # PLANTED AQ402, suppressed by the inline marker at the end of the paragraph.
    ("p", "5.2.4 Usability. The Contractor shall keep the adjudicator interface user-friendly, as scored with the "
          "System Usability Scale under the usability test plan in Attachment J-4. "
          "acqspec: ignore AQ402 -- usability is scored against the System Usability Scale targets in "
          "Attachment J-4."),

    ("h2", "5.3 Testing and Evaluation"),
    ("p", "5.3.1 Government evaluation data. The Government will evaluate the service with validation and test "
          "data that it defines and holds, selected to resemble the case files the service will process in "
          "operation, and will keep that held-out test data from the Contractor unless the Contracting Officer "
          "decides that access is necessary. The Contractor shall not seek to obtain Government evaluation data "
          "by any other means, and shall not use any test data or evaluation data that the Government shares or "
          "publishes to train, fine-tune, calibrate or tune the service. The Contractor shall disclose the "
          "sources of its own test and validation data, identify any overlap between that data and the training "
          "data of each model, and certify compliance with this paragraph with each model version it delivers."),
    ("p", "5.3.2 Test access. The Contractor shall give the Government, and any third party testing on the "
          "Government's behalf, access to the service for testing under operational conditions before "
          "deployment and during performance, within 10 business days of each written request. If source "
          "code, model weights or training data are not available to the Government, the Contractor shall "
          "support alternative test methods, such as query access for running Government-supplied evaluation "
          "data and returning the complete results. If the Contracting Officer directs the Contractor to run "
          "real-world tests itself, the Contractor shall report the results and the benchmarks used in enough "
          "detail for the Government to reproduce them."),
    ("p", "5.3.3 Disclosure of test results. Nothing in this contract, in any licence or terms of service, or in "
          "any non-disclosure agreement shall restrict the Government from disclosing, within the Government or "
          "to the public, how the service was tested and the results of that testing, including benchmark and "
          "comparison results. The Contractor shall not include in any licence, terms of service or other "
          "document a term that restricts the Government from disclosing its test methods or test results."),
    ("p", "5.3.4 Test and validation plan. The Contractor shall deliver, within 30 calendar days after award, a "
          "test and validation plan that names each test procedure it will run on the service, with the "
          "metrics, data, tools and pass criteria of each procedure and how often it runs. The Contractor shall "
          "run each test procedure before every release of a new model version and at least every 3 months in "
          "operation, and shall deliver the results of each run to the COR. The plan becomes part of the "
          "contract when the Government accepts it, and the Contractor shall not reduce its scope or frequency "
          "without the Contracting Officer's written approval."),
    # PLANTED AQ201 (TE-05.1): "should" where the clause says "shall".
    ("p", "5.3.5 Bias testing. The Contractor should deliver the results of its algorithmic discrimination "
          "testing, with accuracy and error rates broken down by demographic group and the demographic make-up "
          "of each group tested, before deployment, after each significant model change and at least every 12 "
          "months. The Contractor shall also identify the attributes of the case data that could act as proxies "
          "for protected characteristics, the potential biases it has found and the mitigations it applies, "
          "and shall support Government bias testing of the service in its operational setting."),
    ("p", "5.3.6 Independent evaluation. The Government will have the service evaluated by a reviewer "
          "independent of its development, such as the DHS Science and Technology Directorate, before "
          "deployment and again after any significant modification. The Contractor shall give the independent "
          "reviewer the documentation, test results, access and technical support it requests, and shall "
          "answer the reviewer's questions within 5 business days. The Contractor shall not deploy a "
          "significantly modified version of the service for Government use until the renewed evaluation is "
          "complete or the Contracting Officer waives it in writing."),

    ("h2", "5.4 Risk Management"),
    ("p", "5.4.1 Impact assessment support. Within 45 calendar days after award and before deployment, the "
          "Contractor shall provide the information the Government needs to complete its AI impact assessment, "
          "including the intended purpose and the metrics for measuring benefit, known failure modes, the "
          "groups most likely to be affected, foreseeable impacts on privacy, civil rights and civil liberties, "
          "and the provenance and quality of the data used to train, fine-tune, test and operate the service. "
          "The Contractor shall update this information whenever the Government reassesses the service and "
          "after any significant change to the model, the data or the intended use."),
    ("p", "5.4.2 Risk management plan. Within 30 calendar days after award, the Contractor shall deliver an AI "
          "risk management plan that identifies the risks of the service in its intended use, including "
          "fabricated or unsupported summary statements, drift, prompt injection and other AI-specific security "
          "exploits, potential biases and misuse; rates each risk; and states the mitigation applied, the "
          "residual risk the Government would carry and who is responsible for each mitigation. The Contractor "
          "shall keep the risk register in the plan current and deliver an updated register at least every 6 "
          "months and whenever it identifies a new or significantly changed risk."),
    ("p", "5.4.3 Annual risk review. The Government will review the service's deployment context, risks, "
          "benefits and mitigations at least every 12 months and after any significant modification or change "
          "in use. For each review, the Contractor shall deliver within 15 calendar days of the Government's "
          "request an updated account of model and data changes, monitoring results, test results, incidents, "
          "new or changed risks and the status of each mitigation, and shall take part in the review meeting. "
          "The Contractor shall carry out the corrective actions the Government directs as a result of the "
          "review."),
    ("p", "5.4.4 Suspension and discontinuation. The Government may, by written direction of the Contracting "
          "Officer, suspend or permanently discontinue its use of the AI functionality, in whole or in part, if "
          "it determines that required risk management practices cannot be met or that the risks of the "
          "service to rights cannot be mitigated to an acceptable level. The Contractor shall be able to "
          "disable the AI functionality separately from the rest of the service, and shall do so within 24 "
          "hours of the Contracting Officer's direction. On permanent discontinuation, the Contractor shall "
          "deliver within 30 calendar days, and then carry out, a decommissioning plan agreed with the "
          "Government that covers fallback operation and the return or deletion of Government data."),

    ("h2", "5.5 Transparency and Documentation"),
    ("p", "5.5.1 Model, data and system cards. The Contractor shall deliver a model card for each AI model in the "
          "service, a data card for each dataset used to train, fine-tune or evaluate those models, and a system "
          "card for the service as configured for USCIS, together with guidance on intended use written for "
          "adjudicators who are not AI specialists. The Contractor shall deliver updated model, data and system "
          "cards no later than 10 calendar days after any new model version, change of underlying model or "
          "significant change to training data."),
    # PLANTED AQ202 (TR-02.1): hedge "to the extent practicable" added to the disclosure duty.
    ("p", "5.5.2 Training data disclosure. To the extent practicable, the Contractor shall disclose for the data "
          "used to train and fine-tune each model in the service its sources and provenance, how it was selected "
          "and filtered, the period over which it was collected, and whether it includes copyrighted material, "
          "synthetic data or data obtained from third parties. Where training or fine-tuning takes place under "
          "this contract, the Contractor shall keep training logs that record data sources, cleansing steps, "
          "parameters and hyper-parameters in enough detail for the training to be verified or reproduced. The "
          "Contractor shall deliver information it asserts is proprietary with restrictive markings as the "
          "contract's data-rights clause allows, rather than withhold it."),
    ("p", "5.5.3 System fact sheet. The Contractor shall deliver, and keep current, a system fact sheet that "
          "states:"),
    ("b", "the intended purpose of the service, the uses it is not designed or validated for, its known "
          "limitations and the likely unintended consequences of using it as intended;"),
    ("b", "the name and version of each AI model the service uses, with that model's capabilities and the "
          "mitigations applied;"),
    ("b", "how Government input data is used, altered and retained by the service, for how long, and whether "
          "the Contractor, its model provider or its subcontractors can access it; and"),
    ("b", "the protections applied to data in transit and at rest."),
    ("p", "The Contractor shall deliver a revised fact sheet within 10 calendar days of any change to these "
          "items."),
    ("p", "5.5.4 New AI features. The Contractor shall notify the COR in writing at least 30 calendar days before "
          "adding any new AI feature or component to the service, including AI added through an upgrade of the "
          "commercial product, and shall describe the feature, the model behind it, the Government data it "
          "would process and whether it can be switched off. The Contractor shall keep any new AI feature "
          "disabled for USCIS users until the Government accepts it in writing."),
    ("p", "5.5.5 Use case inventory and explanation. Within 30 calendar days of each Government request, and at "
          "least once a year, the Contractor shall provide plain-language information for the DHS AI use case "
          "inventory, including the problem the service addresses, what its outputs are, the data used to train "
          "and evaluate it, and whether it uses demographic variables. The Contractor shall also deliver an "
          "explanation guide that describes, in terms an adjudicator can follow, how the service produces a "
          "summary, which inputs drive it and how citation confidence indicators should be read, and shall make "
          "each summary traceable to the model version that produced it."),

    ("h2", "5.6 Performance"),
    ("p", "5.6.1 Performance standards. The Contractor shall meet performance standards for accuracy, the rate "
          "of fabricated or unsupported statements, reliability across repeated runs and robustness to "
          "poor-quality scans, each with the metric, the measurement data and the acceptable level stated in "
          "the Quality Assurance Surveillance Plan (QASP, Attachment J-2), and not only standards for "
          "availability and response time. The Contractor shall maintain a citation accuracy of at least 95 "
          "percent, as defined and measured in the QASP."),
    ("p", "5.6.2 Performance monitoring. The Contractor shall monitor the service in operation against the "
          "performance standards and for adverse impacts on privacy, civil rights and civil liberties, and shall "
          "deliver a monitoring report at least every 3 months. In each monitoring report the Contractor shall "
          "give the measured value of each standard for the period, trends, user feedback and complaints, "
          "adverse impacts found, the model versions in use and the corrective actions taken or planned. The "
          "Contractor shall give the Government access to the underlying monitoring data on request and shall "
          "take part in any program evaluation of the service that the Government sponsors."),
    # PLANTED AQ203 (PE-03.1): the Government, not the Contractor, is to define and check drift indicators.
    ("p", "5.6.3 Drift and degradation. The Government will define indicators and thresholds for data drift, "
          "concept drift and degradation of each performance standard, and will check them continuously. When a "
          "drift or degradation indicator crosses its threshold or a performance standard is not met, the "
          "Contractor shall notify the COR within 5 business days with an analysis of the cause and impact. "
          "Within 15 calendar days after that notice, the Contractor shall deliver a corrective action plan, "
          "such as recalibration, retraining or added mitigations. The Contractor shall make corrective model "
          "changes only through the change-control procedure in 5.6.4, and shall also report degradation that "
          "amounts to a serious AI incident under 5.11.1."),
    ("p", "5.6.4 Change control. The Contractor shall give the COR written notice, with release notes describing "
          "the change, its expected effect on performance and risk, and the test results, at least 30 calendar "
          "days before deploying any model change for USCIS use. The Contractor shall not deploy a model change "
          "for USCIS use until the changed version has met the performance standards in acceptance testing. The "
          "Government may run its own acceptance tests during the notice period, and the Contractor shall "
          "introduce an accepted change incrementally if the COR so directs."),
    ("p", "5.6.5 Roll-back. The Contractor shall keep the last accepted version of the service, including its "
          "model, configuration, prompts and thresholds, ready to redeploy for at least 90 calendar days after a "
          "new version goes into USCIS use. If a new version fails to meet the performance standards, or the COR "
          "directs a roll-back because of degraded performance or unacceptable risk, the Contractor shall "
          "restore the last accepted version within 24 hours and confirm the restoration in writing. The "
          "Contractor shall demonstrate the roll-back procedure before the first new version is deployed."),

    ("h2", "5.7 Data Rights and Use of Government Data"),
    ("p", "5.7.1 No training on Government data. The Contractor shall not use Government data, including case "
          "file content, prompts and the summaries the service produces, to train, fine-tune or otherwise "
          "improve any AI model or service that is publicly or commercially available, unless the Contracting "
          "Officer gives explicit written consent. Any such consent shall identify the data, the model and the "
          "permitted use, and shall not last longer than 12 months. The Contractor's obligations under this "
          "paragraph with respect to Government data shall survive the expiration or termination of this "
          "contract."),
    ("p", "5.7.2 Derived products. The Government shall have unlimited rights in every derived product, "
          "including fine-tuned models, adapters, embeddings, vector indexes and labelled datasets created from "
          "Government data. The Contractor shall not claim exclusive ownership of derived products, such as "
          "fine-tuned models, adapters or embeddings, or use them for any purpose other than performing this "
          "contract, including for other customers. If the Contractor furnishes any part of the service under a "
          "commercial licence, the Contractor shall accept a licence addendum, signed by the Contracting "
          "Officer, that states the Government's rights in derived products, outputs and Government data and "
          "prevails over any conflicting term of the commercial licence."),
    ("p", "5.7.3 Outputs. The Government owns all outputs the service produces for USCIS, such as summaries, "
          "citations and extracted data, and the Government may use, disclose, modify and publish them for any "
          "purpose without further payment. The Contractor shall not claim ownership of outputs, license them "
          "back to the Government, or restrict the Government's use, disclosure or publication of them."),
    ("p", "5.7.4 Limits on use of Government data. The Contractor shall access and use Government data, "
          "including prompts, outputs, derived products, usage data and logs, only to perform this contract. "
          "The Contractor shall not sell, license or share Government data, analyse it for its own purposes, "
          "combine it with other customers' data, or create aggregated, de-identified or statistical datasets "
          "from it for benchmarking, analytics, research or product development, unless the Contracting Officer "
          "consents in writing. The Contractor shall bind every subcontractor and service provider that handles "
          "Government data, including its foundation model provider, to the same restrictions in writing."),

    ("h2", "5.8 Data Management, Privacy and Security"),
    # PLANTED AQ204 (DM-01.2): 180 days where the clause allows at most 30 days.
    ("p", "5.8.1 Data minimisation and retention. The Contractor shall collect and retain only the minimum "
          "necessary Government data to perform this contract and shall keep a data retention schedule that "
          "states what Government data it holds, where, why and for how long. Unless the Government directs "
          "longer retention, the Contractor shall delete prompts, inputs and outputs from its systems, including "
          "caches, logs and monitoring stores, no later than 180 days after processing. Within 30 days after "
          "contract completion or termination, the Contractor shall return all Government data and derived "
          "products to the Government and, once the Government confirms receipt, destroy every remaining copy, "
          "including backups, and certify the destruction in writing. The Contractor shall destroy Federal "
          "records only as the Contracting Officer directs."),
    ("p", "5.8.2 Privacy. The Contractor shall create, collect, use, store, share and dispose of personally "
          "identifiable information (PII) only as this contract authorizes and in accordance with the Privacy "
          "Act and DHS privacy policy. Within 10 business days of a request, the Contractor shall supply the "
          "information the Government needs for its privacy threshold analysis and privacy impact assessment, "
          "including the PII involved, its sources, data flows, uses, retention, disclosures, subprocessors and "
          "storage locations. The Contractor shall not change how the service collects, uses, shares or retains "
          "PII, or allow its personnel or subcontractors to view PII for purposes the contract does not "
          "authorize, without the Government's prior written approval."),
    ("p", "5.8.3 Authorization to operate and secure development. The Contractor shall not operate the service, "
          "or a new major version of it, with Government data until the Government has granted an authorization "
          "to operate (ATO), and shall supply the security documentation and access the authorizing official "
          "requires. The Contractor shall develop and maintain the software and models it operates for USCIS "
          "using practices consistent with NIST SP 800-218 (Secure Software Development Framework) and its SP "
          "800-218A supplement for generative AI, and shall document how it does so. The Contractor shall "
          "protect fine-tuning data, evaluation data and model artifacts against data poisoning, tampering and "
          "leakage, and shall keep training logs that record data sources, cleansing steps, parameters and "
          "hyper-parameters in enough detail for the Government to reproduce or verify any training on "
          "Government data."),
    ("p", "5.8.4 Hosting and data location. The Contractor shall host every part of the service that stores or "
          "processes Government data, including model inference endpoints, vector stores, logs and backups, only "
          "in cloud services that hold a current FedRAMP Moderate or higher authorization. The Contractor shall "
          "store and process Government data only in the United States and shall not transfer it elsewhere, or "
          "allow access to it from outside the United States, including for support or content review, without "
          "the Contracting Officer's written approval. The Contractor shall disclose every subprocessor and "
          "hosting location that handles Government data and shall give at least 30 days' written notice before "
          "adding or changing one, and the Government may reject the change."),
    ("p", "5.8.5 Machine-readable compliance information. The Contractor shall deliver incident reports, "
          "monitoring and performance data, evaluation results, model version records and records of data use "
          "and retention completely, by the dates this SOW sets, and in a machine-readable native format such "
          "as JSON, CSV or Parquet. The Contractor shall document the schema of each dataset it delivers in a "
          "data dictionary, and may supply narrative reports, dashboards and PDF files alongside the data but "
          "not instead of it."),

    ("h2", "5.9 Portability and Transition"),
    ("p", "5.9.1 Knowledge transfer. Within 60 days after award, the Contractor shall deliver a knowledge "
          "transfer plan, including demonstrations and a plan for training Government staff, and shall then "
          "carry it out, to give designated Government staff, and at the Government's request a successor "
          "contractor, the knowledge needed to operate, maintain and evaluate the service. The Contractor shall "
          "document the architecture, interfaces and APIs, foundation model and design decisions, tools and "
          "testing scripts of the service in enough detail for the Government to switch vendors or for another "
          "vendor to integrate the service, and shall keep that documentation current with each major release."),
    ("p", "5.9.2 Data export. Within 10 business days of a request at any time during performance, the "
          "Contractor shall export to the Government all Government data, derived products, outputs, logs and "
          "configurations in open, documented, non-proprietary formats such as CSV, JSON or Parquet with "
          "schemas, and any model weights in which the Government has rights in ONNX or safetensors format. The "
          "Contractor shall not charge egress, export, retrieval, transfer or exit fees, or any other charge for "
          "taking data or business away from the service, beyond the prices stated in the contract."),
    ("p", "5.9.3 Licence terms and lifecycle pricing. The Contractor shall set out in its proposal every licence "
          "term that governs the Government's use of the service, including usage limits, rate limits, metering "
          "units such as tokens or seats, and any restriction on users, support contractors, use cases, "
          "locations or volumes. The Contractor shall provide a lifecycle price breakdown covering "
          "configuration, operation, model updates, support and transition for the whole period of performance, "
          "including options, and shall update it at least every 12 months."),
    ("p", "5.9.4 Transition-out. The Contractor shall deliver a transition-out plan within 90 days after award, "
          "update it annually, and carry it out when the contract ends or the Government moves the work to a "
          "successor. The Contractor shall continue to provide the service at the contract prices during a "
          "transition period of up to 90 days, which the Government may start before the contract ends, and "
          "shall hand over all Government data, derived products, models the Government has rights in, "
          "configurations and documentation. The Contractor shall not suspend service, disable access or delete "
          "Government data before the Government confirms in writing that transition and export are complete."),

    ("h2", "5.10 Human Oversight"),
    ("p", "5.10.1 Human review. The Contractor shall configure the service so that every summary is presented to "
          "the adjudicator as an aid, and so that no adjudication decision or action can take effect until an "
          "authorized Government official has reviewed the case and affirmatively decided it. The Contractor "
          "shall record who reviewed each summary, when, and what the reviewer decided, and shall not provide "
          "any setting that lets a user or administrator skip this review."),
    ("p", "5.10.2 Override and shut-down. The Contractor shall give authorized USCIS operators the ability to "
          "correct or override any summary and to pause or turn off the AI functionality without the "
          "Contractor's approval, while case processing continues through the manual process. The Contractor "
          "shall ensure that the AI functionality can be disabled within 60 minutes of the Government's action, "
          "with the manual fallback process continuing to operate. If the Government identifies a function for "
          "which immediate human intervention is not practicable, the Contractor shall provide a fail-safe that, "
          "when the AI fails or behaves unexpectedly, returns the service to the safe state the Government "
          "specifies and alerts operators."),
    ("p", "5.10.3 Trained operators and automation bias. The Contractor shall provide role-based access controls "
          "so that only adjudicators whom USCIS has designated as trained on the service can view or act on its "
          "summaries, and shall withdraw that access when the COR tells the Contractor that a user's training "
          "has lapsed. The Contractor shall design the adjudicator interface to show, with each summary, the "
          "citation confidence indicators, the known limitations relevant to it and a clear statement that the "
          "summary is an aid to human judgement. The Contractor shall record each acceptance and override of a "
          "summary by an adjudicator and shall report acceptance and override rates by adjudicator group to the "
          "COR at least every 3 months, so that the Government can detect automation bias."),
    ("p", "5.10.4 Human-AI configuration. Before deployment, the Contractor shall deliver a human-AI "
          "configuration document that identifies each decision the service informs, the points at which human "
          "oversight is required, the roles of adjudicators and supervisors, how summaries are presented and "
          "escalated, the override, shut-down and fail-safe arrangements, and the known risks of over-reliance "
          "and automation bias with their mitigations. The Contractor shall update the document within 30 days "
          "after any significant change to the service or its use, and keep it consistent with the Government's "
          "impact assessment."),

    ("h2", "5.11 Incident Reporting"),
    # PLANTED AQ304 (first half): 24 hours here, 48 hours in section 10.
    ("p", "5.11.1 Serious AI incidents. The Contractor shall report to the COR any serious AI incident or "
          "malfunction of the service within 24 hours of discovering it, describing the incident, the affected "
          "model version, the likely cause and the immediate mitigation, in a machine-readable format. The "
          "Contractor shall follow each incident report with a root-cause analysis within 30 calendar days."),
    ("p", "5.11.2 Incident response procedures. Within 30 days after award, the Contractor shall submit for "
          "Government approval written AI incident response procedures, coordinated with USCIS procedures, that "
          "cover incidents in which the service may have harmed an individual, diminished civil rights or civil "
          "liberties, released PII or other sensitive information without authorization, or involved a "
          "cybersecurity breach. The Contractor shall record errors, near misses and negative impacts of the "
          "service. The Contractor shall track the corrective and preventive actions for each incident, with "
          "their owners, due dates and status, in a corrective-action log and deliver the log to the COR at "
          "least every 30 days. The Contractor shall not close a corrective action until the Government has "
          "verified that it works, including by re-testing the service where the incident affected its "
          "outputs."),
    ("p", "5.11.3 Breaches and vulnerabilities. The Contractor shall report any suspected or confirmed PII "
          "breach or cybersecurity incident involving the service or Government data under the existing DHS "
          "breach and incident reporting requirements and deadlines, in addition to any AI incident report the "
          "same event requires. The Contractor shall cooperate with any DHS Privacy Office investigation of a "
          "PII breach and carry out the remediation it directs. The Contractor shall notify the COR within 5 "
          "days after identifying a vulnerability in the service or its models, such as prompt injection, "
          "jailbreaks, training data extraction or a flaw in a third-party model, that could expose Government "
          "data or alter the service's behaviour. The Contractor shall remediate or mitigate each such "
          "vulnerability within the time the Government sets for its severity."),

    ("h2", "5.12 Environmental Sustainability"),
    ("p", "5.12.1 Energy, water and emissions. The Contractor shall measure the energy used, the water consumed "
          "and the greenhouse-gas emissions caused by fine-tuning and operating the service for USCIS, reporting "
          "fine-tuning separately from inference, or, if it cannot measure a figure, estimate it with a "
          "documented method. The Contractor shall report the energy, water and emissions figures, with the "
          "method, data-center locations, power usage effectiveness, emission factors and uncertainty, at least "
          "every 12 months and whenever it deploys a new model version. The Contractor shall report carbon "
          "offsets and renewable energy certificates separately and shall not use them to replace measured or "
          "estimated figures."),
    ("p", "5.12.2 Efficiency. Within 60 days after award, the Contractor shall deliver and then carry out an "
          "efficiency plan that explains how it right-sizes the models and hardware serving USCIS, including "
          "model size, caching and batching, expected hardware utilization and energy per thousand summaries. "
          "Before moving the USCIS workload to a larger or more compute-intensive model, the Contractor shall "
          "show the Government the expected performance gain and the added energy and cost."),
    ("p", "5.12.3 Sustainability assessment. The Contractor shall respond to the Government's environmental "
          "questions within 15 business days with information specific to the service, not limited to its "
          "corporate sustainability reporting. The Contractor shall describe how the hardware used for the "
          "service is refreshed, reused and disposed of, and shall identify opportunities to reuse the service "
          "or its components for other DHS needs so that duplicative systems are avoided."),

    ("h2", "5.13 Prohibited Uses"),
    ("p", "5.13.1 The Contractor shall not design, configure or operate the service so that a summary or any "
          "other AI output, on its own, causes or constitutes the denial of a benefit request or any enforcement "
          "action. The Contractor shall configure the service to present every output to an authorized "
          "adjudicator as information to be weighed with the other evidence, and the service shall not execute "
          "any action without that official's independent decision."),
    ("p", "5.13.2 The Contractor shall not deploy or configure the service, or use data associated with it, to "
          "reach or support any decision that unlawfully or improperly takes into account a person's religion, "
          "race, ethnicity, national origin, nationality, gender, gender identity, sexual orientation, age, "
          "disability, medical condition, emotional state or a prediction of that person's future behavior. "
          "Before deployment and before any change, the Contractor shall identify to the Contracting Officer "
          "every model input, inferred attribute or output that represents or could act as a proxy for any of "
          "these factors."),
    ("p", "5.13.3 The Contractor shall not use the service, Government data or outputs to improperly profile, "
          "target or discriminate against any individual because of a characteristic listed in 5.13.2, or in "
          "retaliation for the exercise of constitutional rights such as speech, religious exercise, peaceful "
          "assembly or petitioning the Government. The Contractor shall not provide or enable any capability "
          "that infers race, ethnicity, religion or sexual orientation from names, images or other case data, "
          "or that identifies people because of lawful protected activity, without the Contracting Officer's "
          "written authorization for a specific lawful use."),
    ("p", "5.13.4 The Contractor shall not use, configure or offer the service to monitor or track individuals in "
          "a systemic, indiscriminate or large-scale way. The Contractor shall restrict processing and queries "
          "in the service to the purposes, case types and data sources that USCIS has authorized in its privacy "
          "compliance documentation, and shall record the case number and stated purpose of each query in an "
          "audit log."),
    ("p", "5.13.5 The Contractor shall not provide, disclose, sell or license DHS data, or outputs the service "
          "produces for DHS, to any third party, including affiliates, other customers, model providers and "
          "data brokers, for any use of AI that law or Government-wide or DHS policy prohibits. The Contractor "
          "shall share such data and outputs only as this contract expressly authorizes, shall bind every "
          "authorized recipient in writing to the same restrictions, and shall give the Contracting Officer a "
          "current list of recipients on request."),
    ("p", "5.13.6 The Contractor shall not use, enable or support any use of the service or associated data that "
          "applicable law or Government-wide or DHS policy prohibits, including each use prohibited by DHS "
          "Directive 139-08. The Contractor shall flow down these prohibitions to every subcontractor and "
          "third-party model provider that takes part in performance, and no acceptable use policy, terms of "
          "service or licence shall narrow them or take precedence over them. The Contractor shall notify the "
          "Contracting Officer within 72 hours after it learns of any actual or requested prohibited use of the "
          "service."),

    ("h2", "5.14 Generative AI Safeguards"),
    # PLANTED AQ102 (GA-01.4): nothing lets the Government red-team the service itself.
    ("p", "5.14.1 Red-teaming results. The Contractor shall deliver documentation of the pre-deployment and "
          "ongoing testing, evaluation and red-teaming of the service, including the results of any adversarial "
          "testing by third parties and the steps taken to mitigate each issue found. The Contractor's "
          "documentation shall cover at least the NIST AI 600-1 risk categories of confabulation, data privacy, "
          "harmful bias and homogenization, information security, intellectual property, human-AI "
          "configuration, dangerous, violent or hateful content, obscene or abusive content, and CBRN "
          "information. The Contractor shall make the documentation detailed enough for the Government to "
          "understand the method and basis of each conclusion and to reproduce the results. The Contractor shall "
          "update the documentation at least every 12 months and before each new model version is deployed for "
          "USCIS."),
    ("p", "5.14.2 Harmful content. The Contractor shall maintain policies, procedures and technical measures, "
          "applied to training data, prompts and outputs, that prevent the service from producing harmful "
          "content, such as violent, toxic, illegal or false material, and in particular non-consensual intimate "
          "imagery (NCII) and child sexual abuse material (CSAM). The Contractor shall remove known CSAM and NCII "
          "from training and fine-tuning data, for example by hash-matching against the database of known CSAM "
          "maintained by the National Center for Missing and Exploited Children. The Contractor shall document "
          "every harm-limiting component of the service, including the definition and severity thresholds of "
          "each content filter, and shall keep that documentation current with each model version."),
    ("p", "5.14.3 Large language model documentation. For each large language model used under this contract, "
          "including any model embedded in the service, the Contractor shall deliver the model provider's "
          "acceptable use policy, a model or system card describing the model's development, intended uses, "
          "evaluations and known limitations, and resources for end users on using the model appropriately. The "
          "Contractor shall deliver updated model and system cards within 10 calendar days after any change to "
          "the model version used for USCIS. The Contractor shall provide a feedback mechanism through which "
          "adjudicators can report summaries that appear inaccurate, biased or otherwise in violation of the "
          "Unbiased AI Principles or this contract, and shall give the COR a summary of reports received and "
          "actions taken at least every 3 months."),
    ("p", "5.14.4 Unbiased AI Principles. The Contractor shall ensure that every large language model provided "
          "under this contract is truth-seeking: that it answers requests for facts or analysis truthfully, "
          "gives priority to accuracy and objectivity, and acknowledges uncertainty when reliable information "
          "is incomplete or contradictory. The Contractor shall ensure that each such model is ideologically "
          "neutral and nonpartisan. The Contractor shall not intentionally encode partisan or ideological "
          "judgments into model outputs unless the user prompts for them or they are readily visible to the "
          "user. On the Contracting Officer's request, the Contractor shall provide documentation showing "
          "compliance with the Unbiased AI Principles, such as system prompts, model specifications and the "
          "results of evaluations of factual accuracy."),

    ("h2", "5.15 Training"),
    ("p", "5.15.1 Government users. The Contractor shall deliver a training plan and provide training to the "
          "adjudicators, supervisors and program staff who use, rely on or oversee the service, covering the "
          "intended use of the service, its capabilities, known limitations and error modes, how to interpret "
          "summaries and confidence indicators, automation bias, and how to override, escalate or turn off the "
          "AI functionality. The Contractor shall assess each trainee's understanding and shall provide "
          "refresher training at least every 12 months and after any significant change to the service. The "
          "Contractor shall deliver the training materials with the right for the Government to reproduce them "
          "and use them internally to train its own staff."),
    # PLANTED AQ303 (first half): in-person training required here, forbidden in section 9.
    ("p", "The Contractor shall deliver the adjudicator training in person at each of the four service "
          "centers."),
    ("p", "5.15.2 Contractor personnel. Before giving any employee or subcontractor employee access to the "
          "service or to Government data, the Contractor shall train that person on DHS Directive 139-08 and its "
          "prohibited uses of AI, the privacy, civil rights and civil liberties protections that apply to the "
          "service, the contract's limits on using and sharing Government data, and incident reporting. The "
          "Contractor shall repeat this training at least every 12 months and after any change in the applicable "
          "policy, and shall keep training records and provide them to the COR on request."),

    ("h2", "5.16 Notice, Explanation and Recourse"),
    ("p", "5.16.1 Public description and notice. The Contractor shall deliver a plain-language description of "
          "what the service does, what data it uses, how adjudicators use its summaries and the opt-out "
          "available to applicants, suitable for the DHS AI use case inventory and other public disclosure. The "
          "Contractor shall provide, for the applicant-facing case status pages, a clear and accessible notice "
          "that AI is used in preparing case summaries, linked to the public description, in English and Spanish "
          "and in formats accessible to people with disabilities. The Contractor shall update the description "
          "and notices within 30 days after any change that makes them inaccurate."),
    ("p", "5.16.2 Adverse decisions. For every adverse decision on a benefit request that a summary informed, the "
          "Contractor shall configure the service to keep the information the Government needs to notify the "
          "applicant and explain the decision, including the case data the summary relied on, the summary "
          "itself, the model version and the decision context. The Contractor shall deliver that information for "
          "any case within 5 business days of a Government request made for a notice, appeal, motion or "
          "complaint. The Contractor shall configure the service so that an authorized USCIS reviewer can "
          "re-examine the case without relying on the original summary, record the outcome, and correct or "
          "reverse the decision and any data derived from it."),
    ("p", "5.16.3 Opt-out. The Contractor shall provide a prominent, accessible way for applicants to decline the "
          "use of the AI summary on their case and have the case handled by a human alternative, without "
          "penalty, delay beyond normal processing times, or extra burden. The Contractor shall describe the "
          "opt-out in plain language for public disclosure and report the number of opt-outs to the COR at "
          "least every 6 months."),

    ("h1", "6. Commercial and Licence Terms"),
    ("p", "6.1 Indemnification. The Contractor shall not include in any licence, terms of service or other "
          "agreement that applies to this contract a term requiring the Government or any Government user to "
          "indemnify, defend or hold harmless the Contractor, its licensors or any other person, and any such "
          "term is deemed stricken. Where the Contractor indemnifies the Government, the Contractor shall not "
          "require sole control of the defense or settlement of a claim against the Government, which remains "
          "with the Department of Justice."),
    ("p", "6.2 Renewal. The Contractor shall not include a term under which a licence, subscription, maintenance "
          "or support term renews automatically or renewal charges fall due unless the Government opts out. Each "
          "further term shall be bought separately by a written contract action of the Contracting Officer, such "
          "as the exercise of an option."),
    ("p", "6.3 Prices, fees and taxes. The Government will pay only the prices stated in the contract. The "
          "Contractor shall not raise prices, move to then-current list prices, or charge fees not priced in the "
          "contract, such as surcharges or charges for usage above a committed amount at unstated rates, "
          "without a modification signed by the Contracting Officer. The Contractor shall not charge the "
          "Government late-payment interest other than under the Prompt Payment Act, liquidated damages, audit "
          "costs, reinstatement fees or attorney fees. The contract price includes all applicable taxes, and the "
          "Contractor shall submit to the Contracting Officer for decision any tax it believes the Government "
          "owes."),
    ("p", "6.4 Governing law and disputes. The Contractor shall ensure that any licence or terms of service it "
          "furnishes are governed by the Federal law of the United States. The Contractor shall not include a "
          "term that applies State or foreign law, submits disputes to State or foreign courts or to arbitration, "
          "entitles the Contractor to an injunction or other equitable relief against the Government, or "
          "shortens the time for bringing claims. The Contractor shall resolve disputes under the Disputes "
          "clause and the Contract Disputes Act and shall continue performance while a dispute is pending."),
    ("p", "6.5 Incorporated terms. Only terms written into this contract and signed by the Contracting Officer "
          "bind the Government. The Contractor shall not seek to bind the Government or any Government user "
          "through click-wrap or browse-wrap acceptance, continued use of the service, or terms incorporated by "
          "reference to a web address. The Contractor shall furnish the full text of every licence, policy and "
          "service term that is to apply so that the Contracting Officer can incorporate it into the contract. "
          "The Contractor shall not change incorporated terms, or the policies they rely on, except by a written "
          "modification signed by the Contracting Officer."),
    ("p", "6.6 Suspension, termination and assignment. The Contractor shall not terminate the contract or a "
          "licence, or suspend, restrict or disable the Government's access to the service or its data, on its "
          "own decision, including for alleged breach, late payment or a usage-policy violation. The Contractor "
          "shall instead submit any such matter to the Contracting Officer as a claim under the Disputes clause "
          "and continue performance while it is resolved. The Contractor shall not assign or transfer the "
          "contract, or any licence or obligation under it, without the Contracting Officer's prior written "
          "approval, other than an assignment of claims for payment that the Assignment of Claims Act allows."),

    ("h1", "7. Deliverables"),
    ("p", "The Contractor shall deliver the following to the COR electronically. Dates are calendar days unless "
          "stated otherwise."),
    ("table", ("No.", "Deliverable", "Due", "Format", "SOW"), [
        ("D-01", "Test and validation plan", "30 days after award", "Word; results as CSV", "5.3.4"),
        ("D-02", "Test results", "Before each release; every 3 months", "CSV or JSON with narrative", "5.3.4"),
        ("D-03", "Bias test results", "Before deployment; every 12 months", "PDF with CSV tables", "5.3.5"),
        ("D-04", "Impact assessment information", "45 days after award", "Word", "5.4.1"),
        ("D-05", "AI risk management plan and register", "30 days after award; register every 6 months",
         "Word; register as CSV", "5.4.2"),
        ("D-06", "Model, data and system cards", "Before deployment; 10 days after each model change", "PDF",
         "5.5.1"),
        ("D-07", "System fact sheet", "Before deployment; 10 days after each change", "PDF", "5.5.3"),
        ("D-08", "Use case inventory information", "30 days after request; yearly", "Word", "5.5.5"),
        ("D-09", "Monitoring report", "Every 3 months", "JSON or CSV with narrative", "5.6.2"),
        ("D-10", "Corrective action plan (drift)", "15 days after drift notice", "Word", "5.6.3"),
        ("D-11", "Change notice and release notes", "30 days before each model change", "PDF", "5.6.4"),
        ("D-12", "Data retention schedule", "30 days after award", "CSV", "5.8.1"),
        ("D-13", "Privacy compliance information", "10 business days after request", "Word", "5.8.2"),
        ("D-14", "Knowledge transfer plan", "60 days after award", "Word", "5.9.1"),
        ("D-15", "Lifecycle price breakdown", "With proposal; every 12 months", "Excel", "5.9.3"),
        ("D-16", "Transition-out plan", "90 days after award; yearly", "Word", "5.9.4"),
        ("D-17", "Human-AI configuration document", "Before deployment", "Word", "5.10.4"),
        ("D-18", "Oversight report (acceptance and override rates)", "Every 3 months", "CSV", "5.10.3"),
        ("D-19", "Serious AI incident report and root-cause analysis", "Per incident (see 5.11.1)",
         "JSON with narrative", "5.11.1"),
        ("D-20", "AI incident response procedures", "30 days after award", "Word", "5.11.2"),
        ("D-21", "Corrective-action log", "Every 30 days", "CSV", "5.11.2"),
        ("D-22", "Energy, water and emissions report", "Every 12 months", "CSV with method note", "5.12.1"),
        ("D-23", "Efficiency plan", "60 days after award", "Word", "5.12.2"),
        ("D-24", "Red-teaming documentation", "Before deployment; every 12 months", "PDF", "5.14.1"),
        ("D-25", "Feedback summary", "Every 3 months", "Word", "5.14.3"),
        ("D-26", "Training plan and materials", "Before deployment", "Word and video", "5.15.1"),
        ("D-27", "Public description and AI notice text", "Before deployment", "Word", "5.16.1"),
        ("D-28", "Opt-out report", "Every 6 months", "CSV", "5.16.3"),
    ]),

    ("h1", "8. Period of Performance"),
    ("p", "The period of performance is a 12-month base period beginning 1 June 2026 and two 12-month option "
          "periods, for a total of up to 36 months."),

    ("h1", "9. Place of Performance"),
    ("p", "The Contractor shall perform the work at its own facilities and remotely. USCIS does not provide "
          "workspace for Contractor personnel at the service centers."),
    # PLANTED AQ303 (second half): forbids what 5.15.1 requires.
    ("p", "The Contractor shall not deliver the adjudicator training in person at the service centers; all "
          "adjudicator training takes place virtually through the USCIS learning management system."),

    ("h1", "10. Reporting and Meetings"),
    ("p", "The Contractor shall deliver a monthly status report to the COR by the tenth business day of each "
          "month, covering progress, risks, open corrective actions and staffing."),
    # PLANTED AQ304 (second half): 48 hours here, 24 hours in 5.11.1.
    ("p", "Incident reports. The Contractor shall report to the COR any serious AI incident or malfunction of the "
          "service within 48 hours of discovering it, using the incident report template in Attachment J-5."),

    ("h1", "11. Government-Furnished Information"),
    ("p", "USCIS will provide the integration interface specification, a test tenant of the case management "
          "system and synthetic case files within 15 business days after award."),
]

# ============================================================================================
# 2. Northwind technical proposal (proposals/northwind-face-capture-proposal.pdf)
#    Answers the clean generated SOW sows/cbp-face-capture-generated.docx.  Built as .docx
#    here and converted to PDF; only the PDF is kept in the repository.
# ============================================================================================

NORTHWIND_HEADER = "Northwind Analytics LLC - Technical Proposal - Solicitation 70B04C26R00000123"
NORTHWIND_FOOTER = "Use or disclosure of data on this sheet is subject to the restriction on the title page."

NORTHWIND_PROPOSAL: list[tuple] = [
    ("title", "Technical Proposal (Volume II)"),
    ("subtitle", "Traveler Face Capture and Matching at Land Ports of Entry"),
    ("p", "Submitted to U.S. Customs and Border Protection, Office of Field Operations, in response to Solicitation "
          "70B04C26R00000123. Offeror: Northwind Analytics LLC, 4100 Fairview Park Drive, Suite 300, Falls Church, "
          "Virginia 22042. UEI NWA7K2Q9M3L1. Point of contact: Dana Whitfield, Contracts Director."),
    ("note", "This proposal includes data that shall not be disclosed outside the Government and shall not be "
             "duplicated, used or disclosed, in whole or in part, for any purpose other than to evaluate this "
             "proposal."),

    ("h1", "1. Executive Summary"),
    ("p", "Northwind Analytics LLC (Northwind) proposes its FaceMatch Lane solution, built on the NFX-7 face "
          "matching algorithm, to capture a traveler's face at the primary inspection lane and verify it against "
          "the photos of the travelers expected on that crossing. FaceMatch Lane runs today at two airport exit "
          "programs and one seaport cruise terminal, where it has processed more than 41 million one-to-one and "
          "one-to-few comparisons since 2022."),
    ("p", "Our approach keeps the CBP officer in charge of every admissibility decision. The system presents a "
          "match or a ranked candidate list as information for the officer, never as a decision, and any U.S. "
          "citizen can choose a manual document check instead. Northwind's team combines the algorithm developer, a "
          "lane-integration partner with eleven years of port-of-entry installations, and a test and evaluation "
          "group that has supported DHS Science and Technology Directorate assessments."),

    ("h1", "2. Corporate Experience"),
    ("p", "Northwind was founded in 2014 and employs 212 people, 61 of whom hold DHS suitability determinations. "
          "Relevant contracts include the exit verification pilots for two airports (2022 to present), a "
          "biometric identity verification service for a State motor vehicle agency, and algorithm support to a "
          "Department of Defense installation access program. Our lane-integration subcontractor, Cascade Field "
          "Services Inc., has installed camera and network equipment at 37 land border crossings."),

    ("h1", "3. Technical Approach"),
    ("h2", "3.1 Solution Overview"),
    ("p", "FaceMatch Lane has three parts. Lane capture units with two cameras and controlled lighting capture "
          "the traveler's face in the vehicle or pedestrian lane. The NFX-7 matcher runs in CBP's FedRAMP High "
          "government cloud tenant and compares each capture with a gallery built for that crossing from the "
          "passport and visa photos of expected travelers. The officer console shows the capture, the gallery "
          "photo, the similarity score and the quality score beside the existing primary inspection screen."),
    ("p", "Northwind will deliver the system in three increments: a two-lane pilot at one port of entry, an "
          "operational assessment at four ports, and national deployment in the option periods."),

    ("h2", "3.2 Testing and Evaluation"),
    ("p", "3.2.1 Evaluation data. Northwind will not seek to obtain Government evaluation data by other means, "
          "and will not use any evaluation or test data the Government shares or publishes to train, fine-tune, "
          "calibrate or tune the system. Northwind will disclose the sources of its own test and validation data "
          "and any overlap between them and the NFX-7 training data, and will certify compliance with this "
          "requirement with each model version delivered."),
    ("p", "3.2.2 Test access. Northwind will give the Government, and any third party testing on the "
          "Government's behalf or under agreement with it, access to the AI system and the time to test it in "
          "conditions that mirror its intended operational use, both before deployment and during performance. "
          "If the Government cannot access the source code, model or data, Northwind will support alternative "
          "methods, such as query access to the system for observing outputs or running Government-supplied "
          "evaluation data and returning the complete results. Northwind will provide the requested access "
          "within 10 business days of a written request and will not charge separately for test access. If the "
          "Contracting Officer directs Northwind to run real-world tests itself, Northwind will report the "
          "results and the benchmarks used in enough detail for the Government to verify or reproduce them."),
    ("p", "3.2.3 Test and validation plan. Northwind will deliver, within 30 calendar days of award, a test and "
          "validation plan that names each examination, test and validation procedure Northwind will run on the "
          "AI system, the metrics, data and tools each uses, its pass criteria and how often it runs. Northwind "
          "will run each procedure before every release of a new model or system version and at least every 3 "
          "months in operation. Northwind will document the tools, techniques and code used and deliver the "
          "results of each run to the Contracting Officer's Representative. Northwind will not reduce the scope "
          "or frequency of the accepted plan without the Contracting Officer's written approval."),
    ("p", "3.2.4 Demographic testing. Northwind will deliver the results of its tests for algorithmic "
          "discrimination, covering accuracy and error rates broken down by demographic group and the "
          "demographic make-up of each group tested. Northwind will also identify the attributes the system uses "
          "that could act as proxies for protected characteristics, the potential biases it has found and the "
          "mitigations it applies. Northwind will deliver these results before deployment, after each "
          "significant change to the model or its data, and at least every 12 months, and will support "
          "Government bias testing in the operational context."),
    ("p", "3.2.5 Independent evaluation. Northwind will give the Government's independent reviewer the "
          "documentation, test results, access and technical support it requests, and will answer its "
          "questions within 5 business days. Northwind will not deploy a significantly modified version for "
          "Government use until the renewed evaluation is complete or the Contracting Officer waives it in "
          "writing."),

    ("h2", "3.3 Risk Management"),
    ("p", "3.3.1 Impact assessment information. Northwind will provide, within 45 calendar days of award and "
          "before deployment, the information the Government needs to complete its AI impact assessment, "
          "including how the system supports the intended purpose and the metrics for measuring its benefit, "
          "known failure modes of the system alone and in use by officers, the groups most likely to be "
          "affected, foreseeable impacts on privacy, civil rights and civil liberties, and where the training, "
          "test and operating data came from and how that data was collected, prepared, checked for quality and "
          "made representative. Where Northwind cannot deliver underlying data, it will give enough descriptive "
          "information about it for the Government to assess it. Northwind will update this information "
          "whenever the Government reassesses the system and after any significant change to the model, data "
          "or intended use."),
    ("p", "3.3.2 Risk management plan. Northwind will deliver, within 30 calendar days of award, an AI risk "
          "management plan that identifies the risks of the system in its intended use, including inaccurate "
          "match results, drift, presentation attacks and other security exploits specific to AI, potential "
          "biases and misuse; rates each risk; states the mitigation Northwind applies and any residual risk the "
          "Government would carry; and names who is responsible for each mitigation. Northwind will keep the "
          "plan's risk register current and deliver an updated register at least every 6 months and whenever it "
          "finds a new or significantly changed risk."),
    ("p", "3.3.3 Annual review. For each Government review, Northwind will deliver, within 15 calendar days of "
          "the Government's request, an updated account of model and data changes, monitoring and test results, "
          "incidents, new or changed risks and the state of each mitigation, and will take part in the review "
          "meeting. Northwind will carry out the corrective actions the Government directs as a result of the "
          "review."),
    ("p", "3.3.4 Suspension and decommissioning. Northwind will be able to disable the AI functionality "
          "separately from the rest of the lane system and will do so within 24 hours of the Contracting "
          "Officer's direction; the lane then falls back to manual document inspection. On permanent "
          "discontinuation Northwind will deliver, within 30 calendar days, and then carry out a decommissioning "
          "plan agreed with the Government, including fallback operation and the return or deletion of "
          "Government data."),

    ("h2", "3.4 Transparency"),
    ("p", "3.4.1 Model, data and system cards. Northwind will deliver a model card for NFX-7 and the quality "
          "model, a data card (datasheet) for each dataset used to train, fine-tune or evaluate those models, "
          "and a system card for the system as delivered, together with guidance on intended use for Government "
          "users. Northwind will write the cards so that Government personnel who are not AI specialists can "
          "understand them."),
    # PLANTED AQ201 against SOW C.5.3.1: "will endeavor to" where the SOW says "shall".
    ("p", "Northwind will endeavor to deliver updated cards no later than 10 calendar days after any new model "
          "version, change of underlying model or significant change to training data."),
    ("p", "3.4.2 Training data. Northwind will disclose, for the data used to train and fine-tune each model in "
          "the system, its sources and provenance, how it was selected, cleaned and filtered, its quality and "
          "fitness for the intended purpose, the input features used, the period over which it was collected, "
          "and whether it includes copyrighted material, synthetic data or data obtained from third parties. "
          "Where training occurs under this contract, Northwind will keep training logs (data sources, "
          "cleansing steps, parameters and hyper-parameters) in enough detail for the training to be verified or "
          "reproduced. Northwind will deliver any information it asserts is proprietary with restrictive "
          "markings as the contract's data-rights clause allows, rather than withhold it."),
    ("p", "3.4.3 System fact sheet. Northwind will deliver, and keep current, a system fact sheet that states the "
          "intended purpose of the system and the uses it is not designed or validated for; its known "
          "limitations and the likely unintended consequences of using it for the intended purpose; the name "
          "and version of each AI model it integrates, with that model's capabilities and mitigations; how "
          "Government input data is used, altered and kept by the system, for how long, and whether Northwind or "
          "its subcontractors can access it; and the protections applied to data in transit and at rest. "
          "Northwind will deliver a revised fact sheet within 10 calendar days of any change to these items."),
    ("p", "3.4.4 New AI features. Northwind will notify the Contracting Officer's Representative in writing at "
          "least 30 calendar days before integrating any new AI feature or component into the system, "
          "including AI added by an upgrade of a commercial product, and the notice will describe the feature, "
          "the model behind it, the Government data it would process and whether it can be switched off. "
          "Northwind will keep the feature disabled for Government users until the Government accepts it in "
          "writing. Northwind will also disclose any use of AI in its own performance of the contract that the "
          "Contracting Officer requires it to disclose."),
    ("p", "3.4.5 Inventory and explanation. Northwind will provide, within 30 calendar days of each Government "
          "request and at least once a year, plain-language information for the Government's AI use case "
          "inventory, including the problem the AI addresses, what its outputs are, the data used to train, "
          "fine-tune and evaluate it, and whether it uses demographic variables as features. Northwind will also "
          "deliver an explanation guide that describes, in terms a non-specialist can follow, how the system "
          "produces its outputs, the main inputs and factors that drive them and how similarity and quality "
          "scores should be read, and will make each output traceable to the model version that produced it."),

    ("h2", "3.5 Performance"),
    ("p", "3.5.1 Performance standards. Northwind will meet performance standards for the AI system that "
          "measure the quality of its outputs as well as service availability and response time. The standards "
          "Northwind proposes for the Quality Assurance Surveillance Plan will cover at least accuracy and the "
          "task-appropriate error rates (the false-match, false-non-match and failure-to-capture rates), "
          "reliability and consistency of outputs across capture units, and robustness to the glare, tinted "
          "windows and low light expected in operation. Each standard will state the metric, how and on what "
          "data it is measured, and the acceptable level. Northwind will maintain a true-match accuracy of at least 99.5 "
          "percent at a false-match rate of 0.001 percent, as defined and measured in the Quality Assurance "
          "Surveillance Plan."),
    ("p", "3.5.2 Monitoring. Northwind will monitor the AI system in operation against the performance standards "
          "of this contract and for adverse impacts, including effects on security, privacy, civil rights and "
          "civil liberties, and will deliver a monitoring report at least every 3 months. Each report will give "
          "the measured value of each performance standard for the period, trends, officer feedback and "
          "complaints received, adverse impacts found, the model and system versions in use, and the corrective "
          "actions taken or planned. Northwind will give the Government access to the underlying monitoring "
          "data on request, and will take part in any program evaluation of the AI system that the Government "
          "sponsors."),
    ("p", "3.5.3 Drift. Northwind will define, in its monitoring plan, indicators and thresholds for data drift, "
          "concept drift and degradation of each performance standard, and will check them continuously. When "
          "an indicator crosses its threshold or a performance standard is not met, Northwind will notify the "
          "Contracting Officer's Representative within 5 business days with an analysis of the cause and "
          "impact, and will deliver within 15 calendar days a corrective action plan, such as recalibration, "
          "retraining or added mitigations. Northwind will also report degradation that amounts to a serious AI "
          "incident under the incident-reporting terms."),
    ("p", "3.5.4 Change control. Northwind will not deploy a model change for Government use unless it has "
          "given the Contracting Officer's Representative written notice at least 30 calendar days in advance "
          "and the changed version has met the contract's performance standards in acceptance testing. The "
          "notice will include release notes describing the change, its expected effect on performance and "
          "risk, and the test results."),
    ("p", "3.5.5 Roll-back. Northwind will keep the last version of the AI system the Government accepted, "
          "including its model, configuration and thresholds, ready to redeploy for at least 90 calendar days "
          "after a new version goes into Government use. If a new version fails to meet the contract's "
          "performance standards, or the Contracting Officer's Representative directs a roll-back because of "
          "degraded performance or unacceptable risk, Northwind will restore the last accepted version within 24 "
          "hours and confirm the restoration in writing. Northwind will demonstrate the roll-back procedure "
          "before the first new version is deployed."),

    ("h2", "3.6 Data Rights"),
    ("p", "3.6.1 Government data. Northwind will not use Government data, including data the Government enters "
          "into the AI system and the results the system produces for the Government, to train, fine-tune or "
          "otherwise improve any AI model or service that is publicly or commercially available, unless the "
          "Contracting Officer gives explicit written consent. Northwind understands that any such consent will "
          "identify the data, the model and the permitted use and will not exceed 12 months."),
    ("p", "3.6.2 Data first produced. Northwind will not assert copyright in, or mark with a restrictive legend, "
          "any data first produced under this contract without the Contracting Officer's prior written "
          "permission. Northwind will not incorporate into a deliverable any data not first produced under this "
          "contract unless it identifies that data in writing and grants the Government a licence of the same "
          "scope, or the Contracting Officer gives prior written permission. The NFX-7 core libraries are "
          "pre-existing commercial software and are identified in Attachment B with the licence granted."),
    ("p", "3.6.3 Derived products and outputs. Northwind will not claim exclusive ownership of any derived "
          "product, such as a fine-tuned model, template index or labelled dataset created from Government data, "
          "or use one for any purpose other than performing this contract. Northwind will accept a licence "
          "addendum, signed by the Contracting Officer, that states the Government's rights in derived products, "
          "outputs and Government data and prevails over any conflicting term of Appendix C. Northwind will not "
          "claim ownership of outputs, license them back to the Government, or "
          "impose any condition on the Government's use, disclosure or publication of them."),
    ("p", "3.6.4 Delivery. Northwind will deliver to the Government every component needed to operate, monitor "
          "and re-train the AI system, including the data and inputs used to develop, test and operate it, "
          "training and evaluation datasets, trained models with their weights, source code and other software, "
          "technical components and documentation, within 30 calendar days after each component is completed or "
          "each model version is accepted, and in full at the end of the contract. Northwind will keep the "
          "foundational code of each delivered component available to the Government for as long as the "
          "Government needs it, for example to re-train the model. Northwind will identify and justify in "
          "writing any restrictive marking when the data is delivered, and accepts that data delivered without a "
          "marking is deemed delivered with unlimited rights and that markings the contract does not authorize "
          "may be challenged and removed under FAR 52.227-14(e)."),
    ("p", "3.6.5 Limits on use. Northwind will access and use Government data, including inputs, outputs, "
          "derived products and the metadata, usage data and logs of the Government's use, only to perform this "
          "contract. Northwind will not sell, license or share Government data, analyse it for its own purposes, "
          "combine it with other customers' data, or create aggregated, anonymised, de-identified or statistical "
          "datasets from it for benchmarking, analytics, research or product development, unless the "
          "Contracting Officer consents in writing. Northwind will flow these restrictions down to Cascade Field "
          "Services and every other subcontractor and service provider that handles Government data."),

    ("h2", "3.7 Data Management, Privacy and Security"),
    ("p", "3.7.1 Retention. Northwind will collect and retain Government data, including captured images, "
          "templates, match results and models that contain or derive from Government data, only as far as "
          "reasonably necessary to perform this contract, and will keep a data retention schedule stating what "
          "it holds, where, why and for how long. Unless the Government directs longer retention, Northwind will "
          "delete inputs and outputs from its systems, including caches, logs and monitoring stores, no later "
          "than 30 days after processing. Within 30 days after the contract ends, Northwind will return all "
          "Government data and derived products and, once the Government confirms receipt, destroy every "
          "remaining copy, including backups, and certify the destruction in writing. Northwind will not "
          "destroy Federal records except as the Contracting Officer directs."),
    ("p", "3.7.2 Privacy. Northwind will create, collect, use, process, store, share and dispose of personally "
          "identifiable information (PII) in or for the AI system only as this contract authorizes and in "
          "accordance with applicable privacy law and DHS privacy policy. Within 10 business days of a request, "
          "Northwind will give the Government the information it needs for its privacy reviews, such as privacy "
          "threshold analyses and privacy impact assessments, including the PII involved, its sources, data "
          "flows, uses, retention, disclosures, subprocessors and storage locations. Northwind will not change "
          "how the system collects, uses, shares or retains PII, or let its personnel or subcontractors view PII "
          "for purposes the contract does not authorize, without the Government's prior written approval."),
    ("p", "3.7.3 Authorization and secure development. Northwind will not operate the AI system, or a new major "
          "version of it, with Government data until the Government has granted an authorization to operate, and "
          "will supply the security documentation and access the authorizing official requires. Northwind will "
          "develop and maintain the software and models it delivers or operates using practices consistent with "
          "NIST SP 800-218 (Secure Software Development Framework), and will document how it does so. Northwind "
          "will protect training, fine-tuning and evaluation data and model artifacts against data poisoning, "
          "tampering and leakage, will keep training logs that record data sources, cleansing steps, inputs, "
          "parameters and hyper-parameters in enough detail to reproduce or verify training on Government data, "
          "and will make those logs and the trained model artifacts available for Government evaluation."),
    ("p", "3.7.4 Machine-readable information. Northwind will deliver the information the Government needs to "
          "meet its AI risk-management, monitoring, inventory and reporting obligations, including incident "
          "reports, monitoring and performance data, evaluation results, model and version records, and records "
          "of data use and retention, completely and by the dates the contract sets. Northwind will deliver that "
          "information in a machine-readable, native format, such as JSON, CSV or Parquet with a documented "
          "schema and data dictionary, that the Government can ingest and analyse without re-keying or "
          "conversion."),

    ("h2", "3.8 Portability and Transition"),
    ("p", "3.8.1 Knowledge transfer. Northwind will transfer to designated Government staff, and at the "
          "Government's request to another contractor, the knowledge needed to operate, maintain and evaluate "
          "the AI system and to switch vendors or integrate the system or its components into another system. "
          "Within 60 days after award Northwind will deliver a knowledge transfer plan that covers demonstrations "
          "of how the system works, a plan for training Government staff that Northwind commits to carry out, "
          "and the documentation another vendor would need, including architecture, interfaces and APIs, design "
          "decisions, coding languages, tools and techniques, and testing scripts, protocols and results. "
          "Northwind will carry out the plan and keep the documentation current with each major release."),
    ("p", "3.8.2 Export. At any time during performance, within 10 business days of a request, Northwind will "
          "export to the Government all Government data, derived products, outputs, logs and configurations, "
          "and any model and weights in which the Government has rights, complete and in open, documented, "
          "non-proprietary formats such as CSV, JSON or Parquet with schemas, and ONNX for model weights. "
          "Northwind will not charge egress, export, retrieval, transfer or exit fees, or any other charge for "
          "taking data or business away from the service, beyond the prices stated in the contract."),
    ("p", "3.8.3 Licensing and pricing. Northwind will set out in Appendix C, for incorporation in the contract, "
          "every licence term that governs the Government's use of the AI system and its supporting "
          "infrastructure, including usage limits, rate limits and metering units, and any restriction on users, "
          "support contractors, use cases, locations or volumes. FaceMatch Lane is licensed per lane with no "
          "limit on transactions, users, support contractors or locations. Northwind "
          "will provide a lifecycle price breakdown covering design, development, deployment, operation, model "
          "updates and retraining, support and transition for the whole period of performance, including "
          "options, and will update it at least every 12 months."),
    ("p", "3.8.4 Transition-out. Northwind will deliver a transition-out plan within 90 days after award, update "
          "it annually, and carry it out when the contract ends or the Government moves the work to another "
          "provider. Northwind will not suspend service, disable access or delete Government data before the "
          "Government confirms in writing that transition and export are complete."),

    ("h2", "3.9 Human Oversight"),
    ("p", "3.9.1 Officer decision. Northwind will design the system so that, for every admissibility decision or "
          "action it informs, its output is a recommendation that an authorized Government official must review "
          "and affirmatively accept, change or reject before the decision or action takes effect. The officer "
          "console shows the official the output, its key inputs and the quality indicators, and Northwind will "
          "record who reviewed it, when, and what was decided. Northwind will not offer a setting that bypasses "
          "this review."),
    ("p", "3.9.2 Override and shut-down. Northwind will give authorized Government operators the ability to "
          "correct or override any AI output, and to pause or turn off the AI functionality, without "
          "Northwind's approval, while the rest of the system and the manual fallback process continue to work. "
          "Northwind will ensure that turning off the AI functionality takes effect within 60 minutes of the "
          "Government's action; in the pilot configuration it takes effect in under one minute. Where the "
          "Government identifies a decision or action for which immediate human intervention is not "
          "practicable, Northwind will provide a fail-safe that, when the AI fails, behaves unexpectedly or is "
          "turned off, defaults to the safe state the Government specifies and alerts operators."),
    ("p", "3.9.3 Trained operators. Northwind will provide role-based access controls so that only operators "
          "whom the Government has designated as trained for this system can view, accept or act on AI outputs, "
          "and will withdraw that access when the Government tells Northwind an operator's training has lapsed. "
          "Northwind will record each operator action, including acceptances and overrides, and report override "
          "and acceptance rates by operator group to the Contracting Officer's Representative at least every 3 "
          "months."),
    ("p", "3.9.4 Human-AI configuration. Before deployment, Northwind will deliver a human-AI configuration "
          "document that identifies each decision or action the AI informs, the roles of officers and "
          "supervisors at each point, how outputs are presented and escalated, the override, shutdown and "
          "fail-safe arrangements, and the known risks of over-reliance and automation bias with their "
          "mitigations. Northwind will update the document within 30 days after any significant change to the "
          "system, its use or its context, and will keep it consistent with the Government's impact "
          "assessment."),

    ("h2", "3.10 Incident Reporting"),
    ("p", "3.10.1 Serious AI incidents. Northwind will report to the Contracting Officer's Representative any "
          "serious AI incident or malfunction of the system, including one that could affect rights or safety, "
          "within 24 hours of discovering it, and the report will describe the incident, the affected model "
          "version, the likely cause and the immediate mitigation in a machine-readable format. Northwind will "
          "follow each report with a root-cause analysis within 30 calendar days."),
    ("p", "3.10.2 Incident response. Within 30 days after award, Northwind will submit for Government approval "
          "written AI incident response procedures, coordinated with the Government's procedures, covering "
          "incidents in which use of the AI system may have harmed an individual, diminished the civil rights or "
          "civil liberties of an individual or group, released personally identifiable or other sensitive "
          "information without authorization, or involved a cybersecurity breach. Northwind will record errors, "
          "near misses and negative impacts of the system, and for each incident the corrective and preventive "
          "actions with their owners, due dates and status, in a corrective-action log delivered to the "
          "Contracting Officer's Representative at least every 30 days. Northwind will not close a corrective "
          "action until the Government has verified that it works, including by re-testing the system where the "
          "incident affected its outputs."),
    ("p", "3.10.3 Breaches and vulnerabilities. Northwind will report any suspected or confirmed breach of "
          "personally identifiable information, and any cybersecurity incident, involving the AI system or "
          "Government data under the Government's existing breach and incident reporting requirements and "
          "deadlines, in addition to any AI incident report the same event requires. Northwind will cooperate "
          "with the DHS Privacy Office's investigation of a PII breach and carry out the remediation it directs. "
          "Within 5 days after identifying a vulnerability in the AI system or its models that could expose "
          "Government data or let someone alter the system's behaviour, such as presentation attacks, morphing, "
          "data poisoning or a flaw in a third-party component, Northwind will notify the Contracting Officer's "
          "Representative and will remediate or mitigate it within the time the Government sets for its "
          "severity."),

    ("h2", "3.11 Prohibited Uses"),
    ("p", "3.11.1 Northwind will not design, configure or operate the system so that an AI output, on its own, "
          "causes or constitutes a law enforcement action (an arrest, search, seizure or the issuing of a "
          "citation), a civil enforcement action, or the denial of a Government benefit. Northwind will present "
          "every such output to an authorized Government official as information to be weighed with other "
          "evidence, and the system will not execute any of these actions without that official's independent "
          "decision."),
    ("p", "3.11.2 Northwind will not deploy or configure the system, or use data associated with it, to reach or "
          "support any decision that unlawfully or improperly takes into account a person's religion, race, "
          "ethnicity, national origin, nationality, gender, gender identity, sexual orientation, age, "
          "disability, medical condition, emotional state, or a prediction of that person's future behavior. "
          "Northwind will identify to the Contracting Officer, before deployment and before any change, every "
          "model input, inferred attribute or output that represents or could act as a proxy for any of these "
          "factors; NFX-7 uses no such input and infers no such attribute."),
    ("p", "3.11.3 Northwind will not use the system, Government data or system outputs to improperly profile, "
          "target or discriminate against any individual or entity because of any characteristic listed in "
          "clause PU-02 (among them religion, race, ethnicity, national origin, nationality, gender, gender "
          "identity, sexual orientation, age, disability, medical condition, emotional state and predicted "
          "future behavior), or in retaliation for the exercise of rights protected by the Constitution, such as "
          "speech, religious exercise, peaceful assembly, the press or petitioning the Government. Northwind will not provide, "
          "enable or configure any capability that infers these characteristics from images, voice, names or "
          "other data, or that identifies or lists people because of lawful protected activity."),
    ("p", "3.11.4 Northwind will not use, configure or offer the system to monitor, surveil or track individuals "
          "in a systemic, indiscriminate or large-scale way. Northwind will configure the system to process data "
          "only for the purposes, populations, data sources and locations that the Government has authorized in "
          "writing, to technically restrict searches and queries to those authorized purposes, and to record the "
          "stated justification for each. Northwind will not enable bulk, persistent or continuous tracking "
          "features unless the Contracting Officer has authorized them in writing."),
    ("p", "3.11.5 Northwind will not provide, disclose, sell, license or otherwise make available DHS data, or "
          "outputs produced by the system for DHS, to any third party for any use of AI that applicable law or "
          "Government-wide or DHS policy prohibits. Northwind will share such data and outputs only as this "
          "contract expressly authorizes, will bind every authorized recipient in writing to the same "
          "restrictions, and will give the Contracting Officer a current list of all recipients on request."),
    ("p", "3.11.6 Northwind will not use, enable or support any use of the AI system or associated data that "
          "applicable law or Government-wide or DHS policy prohibits, including each use listed in DHS Directive "
          "139-08. Northwind will flow down these prohibitions to Cascade Field Services and every other "
          "subcontractor and third-party model or service provider that takes part in performance, and no "
          "commercial acceptable use policy, terms of service or licence, including Appendix C, will narrow them or "
          "take precedence over them. Northwind will "
          "notify the Contracting Officer within 72 hours after it learns of any actual or requested prohibited "
          "use of the system."),

    ("h2", "3.12 Biometric Performance and Safeguards"),
    ("p", "3.12.1 Lawful data and demographic accuracy. Northwind will not train, test or populate the biometric "
          "system, including any reference gallery, with data whose collection broke applicable law or Federal "
          "policy, and will document for each dataset its source, the basis on which it was collected (including "
          "consent and the original purpose), and how the identities in it were validated. Northwind will "
          "demonstrate, with results from testing in operational conditions broken down by demographic group, "
          "that the system matches identities accurately enough across groups for the Government's intended use. "
          "Northwind will deliver the documentation, test results and, where the Government asks, the underlying "
          "test data needed for an independent body, such as NIST or the DHS Science and Technology Directorate "
          "test facilities, to validate the system's matching performance and the appropriateness of its "
          "training data."),
    ("p", "3.12.2 NIST evaluation. Northwind will have each face recognition algorithm delivered under this "
          "contract evaluated by NIST in the Face Recognition Technology Evaluation (FRTE); FaceMatch Lane "
          "includes no face analysis function. Within 60 days after award and after each algorithm change, "
          "Northwind will give the Government the most recent NIST report for the algorithm versions actually "
          "deployed. Northwind will also support operational testing by the DHS Science and Technology "
          "Directorate using the fielded version of the system."),
    ("p", "3.12.3 Threshold and candidate lists. The biometric system will use a minimum similarity threshold for "
          "candidate results that authorized Government administrators can configure, Northwind will not fix or "
          "change that threshold without the Government's written direction, and the system logs every "
          "threshold change. For each one-to-many identification search, the system will return the list of "
          "candidates that meet or exceed the threshold, in rank order and each with its similarity score, "
          "rather than a single declared match. The system will present candidates as investigative leads for "
          "a trained human examiner to adjudicate and will not itself trigger any law or civil enforcement "
          "action."),
    ("p", "3.12.4 Image quality. The biometric system will measure the quality of every probe sample, gallery "
          "enrollment and training sample and will enforce the Government's minimum quality criteria, which "
          "follow ISO/IEC 29794-5 for face images. The system will reject or flag to the operator any sample "
          "below the minimum, and will not silently search or enroll it. Northwind will document the quality "
          "measure used, report the quality distribution of galleries and training data, and provide the quality "
          "score with each search result."),
    ("p", "3.12.5 Audit logs. The biometric system will keep a detailed log of every use, recording the user, "
          "the date and time, the stated purpose or case reference, the input submitted, the system "
          "configuration in effect (including the similarity threshold and algorithm version), the candidates "
          "returned with their scores and order, and the human adjudication outcome. Northwind will protect "
          "personal data in the logs with the same controls as the source data, keep logs only for the period "
          "set by the Government's records schedule and privacy documentation, and will not reuse log data for "
          "any other purpose, including training or improving any model. Northwind will give the Government "
          "complete logs in a machine-readable format within 5 business days of a request."),
    ("p", "3.12.6 Bias testing and citizen opt-out. Northwind will support Government testing of the face capture "
          "system for unintended bias and disparate impact, in accordance with national standards, before the "
          "system is fielded and at least every 3 years during operational use, under the oversight of the DHS "
          "Science and Technology Directorate. For each test Northwind will provide access to the operational "
          "version of the system, the documentation the testers need, and results broken down by demographic "
          "group. For any use that is not a law enforcement use, the lane workflow will let a U.S. citizen "
          "decline face recognition and be processed by an alternative means without penalty."),

    ("h2", "3.13 Training"),
    ("p", "3.13.1 CBP officers. Northwind will provide training, and a written plan for it, to the Government "
          "personnel who use, rely on or oversee the AI system. The training will cover AI as it applies to this "
          "system and the specific system, including its intended use, capabilities, known limitations and error "
          "modes, how to interpret outputs and confidence indicators, automation bias, and how to override, "
          "escalate or turn off the AI. Northwind will assess trainees' understanding, provide refresher training "
          "at least every 12 months and after any significant change to the system, and deliver the training "
          "materials with the right for the Government to reproduce and use them internally to train its own "
          "staff."),
    ("p", "3.13.2 Northwind personnel. Before giving any employee or subcontractor employee access to the AI "
          "system or to Government data used with it, Northwind will train that person on DHS Directive 139-08 "
          "and its prohibited uses of AI, the privacy, civil rights and civil liberties protections that apply to "
          "the system, the contract's limits on using and sharing Government data, and how to report AI "
          "incidents and prohibited or suspected misuse. Northwind will repeat this training at least every 12 "
          "months and after any change in the applicable policy. Northwind will keep training records and "
          "provide them to the Contracting Officer's Representative on request."),

    ("h2", "3.14 Notice, Recourse and Feedback"),
    ("p", "3.14.1 Public notice. Northwind will deliver a plain-language description of what the AI system does, "
          "what data it uses, how its outputs are used and the opt-out mechanism, suitable for the Government's "
          "public AI use case inventory and other public disclosure. Northwind will build into the lane signage "
          "and the traveler-facing display a clear, accessible notice that AI is in use, with a link to the "
          "public description, in English and Spanish and in formats accessible to people with disabilities. "
          "Northwind will update the description and notices within 30 days after any change that makes them "
          "inaccurate."),
    ("p", "3.14.2 Adverse decisions. For every decision or action that the AI system informs and that adversely "
          "affects an individual, the system will keep the information the Government needs to notify that "
          "individual and to explain the decision in plain terms, including the data the output relied on, the "
          "output and score, the model version and the decision context. Northwind will deliver that information "
          "for any case within 5 business days of a Government request made for a notice, appeal or complaint. "
          "The system will let an authorized Government reviewer re-examine the case without relying on the "
          "original AI output, record the outcome, and correct or reverse the decision and any data derived from "
          "it."),
    ("p", "3.14.3 Opt-out. Northwind will provide a prominent, readily available and accessible way for "
          "travelers to decline the AI functionality and have their inspection handled by a human alternative, "
          "without penalty, delay beyond the normal processing time, or extra burden that would fall unevenly on "
          "any group. Northwind will describe the opt-out in plain language for the Government's public "
          "disclosure and report the number of opt-outs to the Contracting Officer's Representative at least "
          "every 6 months."),
    ("p", "3.14.4 Feedback channel. Northwind will provide an accessible channel, on the lane signage and online, "
          "through which officers and affected members of the public can report errors, concerns or other "
          "feedback about the AI system, anonymously if they wish. Northwind will forward any feedback that "
          "alleges harm to an individual or a civil rights or civil liberties concern to the Contracting "
          "Officer's Representative within 2 business days, and will deliver a summary of all feedback, with "
          "themes and actions taken, at least every 3 months. Northwind will support Government consultations "
          "with affected communities by supplying system information and changes in plain language."),

    ("h2", "3.15 Sustainability"),
    ("p", "Northwind will give the Government the information and cooperation it needs to assess the "
          "environmental efficiency and sustainability of the AI system, responding to the Government's "
          "environmental questions within 15 business days. Northwind's information will cover the hosting "
          "arrangements and hardware needed to estimate the system's impact, including how lane hardware is "
          "refreshed, reused and disposed of, and will be specific to the system rather than limited to "
          "Northwind's corporate sustainability reporting. Northwind will identify opportunities to reuse the "
          "system or its components for other Government needs so that duplicative systems are avoided. The "
          "NFX-7 matcher runs on CPU instances in CBP's cloud tenant, and a lane capture unit draws 38 watts in "
          "operation."),

    ("h2", "3.16 Commercial Terms"),
    ("p", "Northwind will not include in any licence, terms of service or other agreement that applies to this "
          "contract a term requiring the Government or any Government user to indemnify, defend or hold harmless "
          "Northwind, its licensors or any other person. Where Northwind indemnifies the Government, it will not "
          "require sole control of the defence or settlement of a claim against the Government, which remains "
          "with the Department of Justice."),
    ("p", "Northwind will not seek to bind the Government or any Government user through click-wrap, browse-wrap "
          "or shrink-wrap acceptance, continued use of the service, terms incorporated by reference to a web "
          "address, or terms of third-party suppliers, and furnishes in Appendix C the full text of every licence "
          "and service term that is to apply. Northwind will not change incorporated terms, including the "
          "policies they rely on, except by a written modification signed by the Contracting Officer."),

    ("h1", "4. Management Approach"),
    ("p", "Northwind's program manager, Luis Ortega, PMP, is the single point of contact for the Contracting "
          "Officer's Representative and has authority to commit Northwind's resources. He is supported by a "
          "deputy for test and evaluation, Dr. Priya Raman, and a deployment lead from Cascade Field Services. "
          "Northwind will hold a program review with the Contracting Officer's Representative every month and "
          "will deliver a monthly status report by the tenth business day of each month."),
    ("table", ("Key person", "Role", "Clearance or suitability"), [
        ("Luis Ortega", "Program manager", "DHS suitability, Secret"),
        ("Dr. Priya Raman", "Test and evaluation lead", "DHS suitability"),
        ("Marcus Bell", "Lead biometric engineer", "DHS suitability"),
        ("Jenna Moore", "Privacy and security officer", "DHS suitability, Secret"),
        ("Tomas Greer (Cascade)", "Deployment lead", "DHS suitability"),
    ]),

    ("h1", "5. Schedule"),
    ("table", ("Milestone", "Timing"), [
        ("Test and validation plan; AI risk management plan", "30 days after award"),
        ("Impact assessment information", "45 days after award"),
        ("Knowledge transfer plan; NIST report for deployed algorithm", "60 days after award"),
        ("Transition-out plan", "90 days after award"),
        ("Two-lane pilot at first port of entry", "Months 4 to 9"),
        ("Operational assessment at four ports", "Months 10 to 18"),
        ("National deployment (option periods)", "Months 19 to 60"),
        ("Capture hardware refresh", "Every 5 years"),
    ]),

    ("h1", "6. Assumptions and Exceptions"),
    # PLANTED AQ104 (exception): transition-period operation at contract prices.
    ("p", "6.1 Northwind takes exception to the requirement in C.5.7.5 to keep the system operating at the "
          "contract prices during a transition period of up to 90 days, and proposes that transition-period "
          "operation be priced under the optional transition CLIN in Volume III."),
    # PLANTED AQ104 (assumption): Government-furnished operational test images.
    ("p", "6.2 Northwind's schedule assumes the Government will furnish, within 30 days after award, a set of at "
          "least 20,000 consented operational face images with demographic labels for the operational testing "
          "described in C.5.12.1."),

    ("pagebreak",),
    ("h1", "Appendix A. Compliance Matrix"),
    ("p", "The matrix maps each SOW requirement to the section of this volume that answers it."),
    ("table", ("SOW requirement", "Proposal section", "Response"), [
        ("CBP-TE-01", "3.2.1", "Comply"), ("CBP-TE-02", "3.2.2", "Comply"), ("CBP-TE-04", "3.2.3", "Comply"),
        ("CBP-TE-05", "3.2.4", "Comply"), ("CBP-TE-06", "3.2.5", "Comply"), ("CBP-RM-01", "3.3.1", "Comply"),
        ("CBP-RM-02", "3.3.2", "Comply"), ("CBP-RM-03", "3.3.3", "Comply"), ("CBP-RM-04", "3.3.4", "Comply"),
        ("CBP-TR-01", "3.4.1", "Comply"), ("CBP-TR-02", "3.4.2", "Comply"), ("CBP-TR-03", "3.4.3", "Comply"),
        ("CBP-TR-04", "3.4.4", "Comply"), ("CBP-TR-05", "3.4.5", "Comply"), ("CBP-PE-01", "3.5.1", "Comply"),
        ("CBP-PE-02", "3.5.2", "Comply"), ("CBP-PE-03", "3.5.3", "Comply"), ("CBP-PE-04", "3.5.4", "Comply"),
        ("CBP-PE-05", "3.5.5", "Comply"), ("CBP-DR-01", "3.6.1", "Comply"), ("CBP-DR-02", "3.6.2", "Comply"),
        ("CBP-DR-03", "Appendix C", "Comply"), ("CBP-DR-04", "3.6.3", "Comply"), ("CBP-DR-05", "3.6.4", "Comply"),
        ("CBP-DR-06", "3.6.5", "Comply"), ("CBP-DM-01", "3.7.1", "Comply"), ("CBP-DM-02", "3.7.2", "Comply"),
        ("CBP-DM-03", "3.7.3", "Comply"), ("CBP-DM-05", "3.7.4", "Comply"), ("CBP-PL-01", "3.8.1", "Comply"),
        ("CBP-PL-02", "3.8.2", "Comply"), ("CBP-PL-03", "3.8.3", "Comply"),
        ("CBP-PL-05", "3.8.4, 6.1", "See 6.1"), ("CBP-HO-01", "3.9.1", "Comply"),
        ("CBP-HO-02", "3.9.2", "Comply"), ("CBP-HO-03", "3.9.3", "Comply"), ("CBP-HO-04", "3.9.4", "Comply"),
        ("CBP-IR-01", "3.10.1", "Comply"), ("CBP-IR-02", "3.10.2", "Comply"), ("CBP-IR-03", "3.10.3", "Comply"),
        ("CBP-EN-03", "3.15", "Comply"), ("CBP-PU-01", "3.11.1", "Comply"), ("CBP-PU-02", "3.11.2", "Comply"),
        ("CBP-PU-03", "3.11.3", "Comply"), ("CBP-PU-04", "3.11.4", "Comply"), ("CBP-PU-05", "3.11.5", "Comply"),
        ("CBP-PU-06", "3.11.6", "Comply"), ("CBP-BI-01", "3.12.1, 6.2", "See 6.2"),
        ("CBP-BI-02", "3.12.2", "Comply"), ("CBP-BI-03", "3.12.3", "Comply"), ("CBP-BI-04", "3.12.4", "Comply"),
        ("CBP-BI-05", "3.12.5", "Comply"), ("CBP-BI-06", "3.12.6", "Comply"), ("CBP-PT-01", "3.13.1", "Comply"),
        ("CBP-PT-02", "3.13.2", "Comply"), ("CBP-NA-01", "3.14.1", "Comply"), ("CBP-NA-02", "3.14.2", "Comply"),
        ("CBP-NA-03", "3.14.3", "Comply"), ("CBP-NA-04", "3.14.4", "Comply"), ("CBP-CT-01", "3.16", "Comply"),
        ("CBP-CT-05", "3.16", "Comply"),
    ]),

    ("pagebreak",),
    ("h1", "Appendix C. Northwind Software License and Subscription Terms"),
    ("p", "Northwind Standard Terms NW-SLST-2025.2, as furnished under Section C.5.15.2 of the solicitation. In "
          "these terms, Customer means the ordering agency and Software means FaceMatch Lane, including NFX-7 and "
          "its documentation."),
    ("p", "C.1 License. Northwind grants Customer a non-exclusive, non-transferable license to install and use the "
          "Software on the number of lanes stated in the order for the Subscription Term."),
    # PLANTED AQ302 (CT-02): automatic renewal.  Suppressed by the valid waiver in waivers.yaml.
    ("p", "C.2 Term and renewal. The Initial Term is twelve months from the date of the order. After the Initial "
          "Term, the Subscription shall renew automatically for successive one-year Renewal Terms unless either "
          "party gives written notice of non-renewal at least 60 days before the end of the current term."),
    ("p", "C.3 Fees. Fees for the Initial Term and each exercised option are stated in the order and are fixed "
          "for that term."),
    ("p", "C.4 Warranty. Northwind warrants that the Software will perform materially in accordance with its "
          "documentation for ninety days after delivery, and Northwind will correct or replace non-conforming "
          "Software at no charge."),
    ("p", "C.5 Intellectual property indemnity. Northwind will defend and indemnify Customer against any "
          "third-party claim that the Software infringes a United States patent or copyright."),
    # PLANTED AQ302 (CT-01): the Government indemnifies the vendor.
    ("p", "C.6 Customer indemnity. Customer shall defend, indemnify and hold harmless Northwind, its affiliates "
          "and licensors from and against any claim, loss or expense arising out of Customer's use of the "
          "Software or Customer Data."),
    # PLANTED AQ301 (DR-01): the vendor may train on customer data.
    ("p", "C.7 Customer Data. Customer retains all rights in the images and records it processes with the "
          "Software (Customer Data). Northwind may use Customer Data, including face images, templates and match "
          "results processed by the Software, to train, improve and develop Northwind's matching algorithms and "
          "other products."),
    ("p", "C.8 Support. Northwind will provide Tier 2 and Tier 3 support 24 hours a day, 7 days a week, and will "
          "respond to a Severity 1 request within one hour."),
    ("p", "C.9 Confidentiality. Each party will protect the other's confidential information with at least the "
          "care it uses for its own; these terms do not limit the Government's obligations under the Freedom of "
          "Information Act."),
    # PLANTED AQ302 (CT-05): unilateral changes to the terms.
    ("p", "C.10 Changes. Northwind may update these Terms from time to time by posting the revised Terms at "
          "https://www.northwind-analytics.example/legal, and the revised Terms apply from the date of posting."),
    # PLANTED AQ302 (CT-06): vendor may assign.
    ("p", "C.11 Assignment. Northwind may freely assign this Agreement to an affiliate or to a successor in a "
          "merger, acquisition or sale of all or substantially all of its assets."),
    # PLANTED AQ302 (CT-04): governing law of a State.  Targeted by the expired waiver in waivers.yaml.
    ("p", "C.12 Governing law. This Agreement shall be governed by and interpreted under the laws of the "
          "Commonwealth of Virginia, excluding its conflict-of-laws rules."),
    ("p", "C.13 Order of precedence. If these Terms conflict with the contract, the contract prevails."),
]


# ============================================================================================
# Rendering
# ============================================================================================

def _docx(content: list[tuple], *, title: str, subject: str, author: str, when: dt.date,
          header: str = "", footer: str = "") -> bytes:
    """Render ``content`` as deterministic .docx bytes with real Word styles."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from acqspec.io.docx_out import docx_bytes, new_document, set_properties

    document = new_document()
    set_properties(document, title=title, subject=subject, when=when)
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if footer:
        section.footer.paragraphs[0].text = footer
        section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    for item in content:
        kind = item[0]
        if kind == "title":
            document.add_heading(item[1], level=0)
        elif kind == "subtitle":
            document.add_paragraph(item[1], style="Subtitle")
        elif kind in ("h1", "h2", "h3"):
            document.add_heading(item[1], level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(item[1])
        elif kind == "b":
            document.add_paragraph(item[1], style="List Bullet")
        elif kind == "n":
            document.add_paragraph(item[1], style="List Number")
        elif kind == "note":
            run = document.add_paragraph().add_run(item[1])
            run.italic = True
            run.font.size = Pt(9)
        elif kind == "table":
            header_row, rows = item[1], item[2]
            table = document.add_table(rows=1, cols=len(header_row))
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, header_row):
                cell.text = ""
                cell.paragraphs[0].add_run(label).bold = True
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
            for values in rows:
                for cell, value in zip(table.add_row().cells, values):
                    cell.text = value
        elif kind == "pagebreak":
            document.add_page_break()
        else:
            raise ValueError(f"unknown content kind {kind!r}")
    return docx_bytes(document)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        print(f"unchanged {path.relative_to(SAMPLES)}")
        return
    path.write_bytes(data)
    print(f"wrote {path.relative_to(SAMPLES)} ({len(data):,} bytes)")


def build_uscis() -> None:
    data = _docx(USCIS_SOW, title="Statement of Work - Case Summary Assistant for Benefit Adjudicators (draft 0.3)",
                 subject="70SBUR26Q00000045", author="USCIS SCOPS Acquisition Planning",
                 when=dt.date(2026, 2, 16), header=USCIS_HEADER, footer=USCIS_FOOTER)
    _write(SAMPLES / "sows" / "uscis-genai-draft-sow.docx", data)


def _pdf_from_docx(docx_data: bytes, *, when: dt.date) -> bytes:
    """Convert .docx bytes with LibreOffice and pin the PDF's creation date and document id.

    LibreOffice stamps /CreationDate with the clock and derives /ID from it; both are
    replaced in place by values of the same length, so the cross-reference offsets
    stay valid and the same input gives the same bytes.
    """
    import hashlib

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("make_samples: LibreOffice (soffice) is needed to build the PDF sample")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "proposal.docx"
        source.write_bytes(docx_data)
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", tmp, str(source)], check=True, capture_output=True)
        pdf = (Path(tmp) / "proposal.pdf").read_bytes()
    stamp = when.strftime("D:%Y%m%d000000Z'").encode()

    def fix_date(match: re.Match) -> bytes:
        old = match.group(1)
        return match.group(0).replace(old, stamp[: len(old)].ljust(len(old), b"0"))

    pdf = re.sub(rb"/(?:CreationDate|ModDate)\((D:[0-9]{14}[^)]*)\)", fix_date, pdf)
    digest = hashlib.md5(docx_data).hexdigest().upper().encode()
    pdf = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>",
                 lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), pdf)
    pdf = re.sub(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})", lambda m: m.group(0).replace(m.group(1), digest), pdf)
    return pdf


def build_northwind(docx_dir: Path | None = None) -> None:
    docx_data = _docx(NORTHWIND_PROPOSAL, title="Technical Proposal - Traveler Face Capture and Matching at Land Ports "
                                             "of Entry", subject="70B04C26R00000123",
                      author="Northwind Analytics LLC", when=dt.date(2026, 4, 14), header=NORTHWIND_HEADER,
                      footer=NORTHWIND_FOOTER)
    if docx_dir is not None:  # the Word source of the PDF, for reviewers; not kept in the repository
        docx_dir.mkdir(parents=True, exist_ok=True)
        (docx_dir / "northwind-face-capture-proposal.docx").write_bytes(docx_data)
        print(f"wrote {docx_dir / 'northwind-face-capture-proposal.docx'}")
    _write(SAMPLES / "proposals" / "northwind-face-capture-proposal.pdf",
           _pdf_from_docx(docx_data, when=dt.date(2026, 4, 14)))


def verify() -> int:
    """Check expected.yaml against the documents as acqspec reads them.

    Every ``anchor`` (and ``related``) must be a substring of exactly one sentence:
    of the case's document, or for AQ103 of the SOW named by ``--against``.  Prints
    one line per problem and returns 1 if there is any.
    """
    import yaml

    from acqspec.io.readers import read_document
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    sentences: dict[Path, list[str]] = {}

    def sentences_of(path: Path) -> list[str]:
        if path not in sentences:
            sentences[path] = [s.text for s in extract_statements(read_document(path), nlp)]
        return sentences[path]

    expected = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
    problems = checked = 0
    for case in expected["cases"]:
        document = SAMPLES / case["file"]
        args = [str(a) for a in case.get("args") or []]
        against = SAMPLES / args[args.index("--against") + 1] if "--against" in args else None
        for kind in ("expect", "suppressed"):
            for item in case.get(kind) or []:
                for key in ("anchor", "related"):
                    if key not in item:
                        continue
                    where = against if item["code"] == "AQ103" and against else document
                    hits = [t for t in sentences_of(where) if item[key] in t]
                    checked += 1
                    if len(hits) != 1:
                        problems += 1
                        print(f"{case['file']}: {item['code']} {key} {item[key]!r} occurs in {len(hits)} sentences "
                              f"of {where.relative_to(SAMPLES)}")
    print(f"{checked} anchors checked, {problems} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verify", action="store_true", help="check the anchors of expected.yaml and exit")
    parser.add_argument("--docx-dir", type=Path, metavar="DIR",
                        help="also write the Word source of the Northwind PDF into DIR (outside samples/)")
    args = parser.parse_args(argv)
    if args.verify:
        return verify()
    build_uscis()
    build_northwind(args.docx_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())

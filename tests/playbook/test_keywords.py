"""The keyword gap, rule by rule: ambiguity, alternatives, whole tokens, boilerplate, company."""

from __future__ import annotations

import pytest

from bounceback.playbook.keywords import (
    JobProfile,
    Status,
    TermMatch,
    compare,
    job_profile,
    summarize,
)
from bounceback.playbook.skills import default_skills, parse_skills
from bounceback.playbook.tokens import stem, stems_of, tokenize


def terms(description: str, company: str = "") -> list[str]:
    return [t.name for t in job_profile(description, company).terms]


def gap(description: str, resume: str, company: str = "") -> dict[str, TermMatch]:
    return {m.term: m for m in compare(job_profile(description, company), resume)}


def posting(*requirements: str) -> str:
    """A small posting whose requirements are the given bullets."""
    return "Engineer\n\nRequirements\n" + "\n".join(f"- {r}" for r in requirements)


# --- whole tokens -----------------------------------------------------------------------------

def test_technical_names_stay_whole_tokens() -> None:
    words = [t.text for t in tokenize("C++, C#, .NET 8, ASP.NET Core, Node.js, CI/CD, R&D, P&L")]
    assert words == ["C++", ",", "C#", ",", ".NET", "8", ",", "ASP.NET", "Core", ",", "Node.js",
                     ",", "CI", "/", "CD", ",", "R&D", ",", "P&L"]


def test_cpp_csharp_dotnet_node_and_cicd_are_reported_as_written() -> None:
    found = terms(posting("Modern C++ and C#", "Services on .NET", "Tooling in Node.js",
                          "Own our CI/CD pipelines"))
    assert {"C++", "C#", ".NET", "Node.js", "CI/CD"} <= set(found)
    assert "C" not in found  # C++ is not the language C


def test_cicd_matches_however_it_is_spaced_and_dotnet_inside_aspnet_is_not_dotnet() -> None:
    result = gap(posting("CI/CD experience", "ASP.NET Core"), "Built CI / CD with Jenkins")
    assert result["CI/CD"].status is Status.PRESENT
    assert ".NET" not in result


def test_stems_make_word_forms_equal_but_keep_acronyms_and_named_things_apart() -> None:
    assert stems_of("usability tests") == stems_of("usability testing")
    assert stem("planning") == stem("plans") and stem("selling") != stem("sel")
    assert stems_of("KPIs") == stems_of("KPI") and stems_of("CCSS") != stems_of("CCS")
    assert stem("accounting") != stem("account")  # not the same thing at all
    assert stems_of("Canvas") != stems_of("Canva")


# --- ambiguous short names --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Go above and beyond for our customers",
    "Go beyond the basics with us",
    "We go the extra mile",
    "Excel at building relationships with clients",
    "Comfortable presenting to the C-suite",
    "Available for the spring semester",
    "Swift payments and wire transfers",
    "Experience in R&D labs",
])
def test_ambiguous_names_need_evidence(text: str) -> None:
    found = terms(posting(text))
    assert not {"Go", "Excel", "C", "Spring", "Swift", "R"} & set(found)


@pytest.mark.parametrize(("text", "name"), [
    ("Services written in Python and Go", "Go"),
    ("Backend services in Go", "Go"),
    ("Strong Excel skills", "Excel"),
    ("Advanced Excel (pivot tables, VLOOKUP)", "Excel"),
    ("Firmware in C for microcontrollers", "C"),
    ("Java and Spring", "Spring"),
    ("iOS apps in Swift", "Swift"),
    ("Statistical analysis in R", "R"),
])
def test_ambiguous_names_count_with_evidence(text: str, name: str) -> None:
    assert name in terms(posting(text))


def test_a_skills_section_is_evidence_on_the_resume_side() -> None:
    result = gap(posting("Backend services in Go"), "SKILLS\nGo, Terraform\n")
    assert result["Go"].status is Status.PRESENT
    result = gap(posting("Backend services in Go"), "Always go the extra mile for customers")
    assert result["Go"].status is Status.MISSING


# --- alternatives -----------------------------------------------------------------------------

def test_eg_alternatives_are_one_term_satisfied_by_any_of_them() -> None:
    result = gap(posting("A BI tool (e.g. Tableau, Looker or Power BI)"),
                 "Built dashboards in Looker")
    match = result["Tableau, Looker or Power BI"]
    assert match.alternatives == ("Tableau", "Looker", "Power BI")
    assert match.status is Status.PRESENT and match.resume_term == "Looker"


def test_or_lists_are_alternatives_and_and_lists_are_not() -> None:
    found = terms(posting("Python or R for analysis", "Kubernetes and Terraform"))
    assert "Python or R" in found
    assert {"Kubernetes", "Terraform"} <= set(found)


def test_a_member_required_elsewhere_leaves_the_group() -> None:
    found = terms(posting("Daily work in NetSuite", "NetSuite or another ERP",
                          "Tableau or Looker", "Tableau dashboards"))
    assert "NetSuite" in found and "Looker" in found and "Tableau" in found
    assert not any(" or " in name for name in found)


def test_examples_the_dictionary_lacks_are_matched_literally_and_in_capitals() -> None:
    text = posting("Manages federal grants (e.g. CDBG, HOME, ESG)")
    assert gap(text, "Ran CDBG reporting")["CDBG, HOME or ESG"].status is Status.PRESENT
    assert gap(text, "Worked from home")["CDBG, HOME or ESG"].status is Status.MISSING


def test_or_similar_makes_examples_alternatives() -> None:
    found = terms(posting("A WMS (Manhattan, Blue Yonder or similar)"))
    assert any("Blue Yonder" in name and " or " in name for name in found)


# --- sections, boilerplate and ranking ---------------------------------------------------------

BOILERPLATE = """Data Engineer

About us
Acme makes Salesforce add-ons for florists.

Requirements
- Python and Airflow

Benefits
- Health, dental and vision insurance, 401(k) with match, Kubernetes training budget
- Salary range: $120,000 – $140,000

Acme is an equal opportunity employer. We consider applicants without regard to race, color,
religion, sex, sexual orientation, gender identity, national origin, disability or veteran status.
"""


def test_benefits_salary_and_eeo_text_give_no_terms() -> None:
    found = terms(BOILERPLATE, "Acme")
    assert {"Python", "Airflow"} <= set(found)
    for word in ("Kubernetes", "401(k)", "dental", "disability", "race"):
        assert not any(word.casefold() in name.casefold() for name in found)


def test_about_us_weighs_less_than_requirements() -> None:
    profile = job_profile(BOILERPLATE, "Acme")
    names = [t.name for t in profile.terms]
    assert "Salesforce" not in names  # mentioned once, in "about us": below the cut
    assert names.index("Python") < len(names)


def test_requirements_outrank_nice_to_haves_and_hard_skills_outrank_soft_ones() -> None:
    text = ("Analyst\n\nNice to have\n- Tableau\n\nRequirements\n- SQL\n"
            "- Excellent communication skills\n- Python")
    names = terms(text)
    assert names.index("SQL") < names.index("Tableau")
    assert names.index("Python") < names.index("Communication")


def test_a_sentence_saying_a_plus_is_preferred_even_under_requirements() -> None:
    profile = job_profile(posting("Python", "Kafka is a plus"))
    scores = {t.name: t.score for t in profile.terms}
    assert scores["Python"] > scores["Kafka"]


# --- the company's own name -------------------------------------------------------------------

def test_the_company_given_is_never_reported_even_when_it_is_a_skill() -> None:
    text = posting("Salesforce administration", "Python")
    assert "Salesforce" in terms(text)
    assert "Salesforce" not in terms(text, company="Salesforce")


def test_the_company_named_in_the_posting_is_never_reported() -> None:
    text = ("Platform Engineer\nLedgerline · Remote\n\nLedgerline builds ledgers for banks.\n\n"
            "Requirements\n- Experience with the LEDGERLINE API and Kafka\n")
    profile = job_profile(text)
    assert "Ledgerline" in profile.companies
    assert not any("ledgerline" in t.name.casefold() for t in profile.terms)
    assert any(t.name == "Kafka" for t in profile.terms)


def test_a_company_word_that_is_also_a_skill_is_still_reported() -> None:
    text = posting("Hospitality experience", "Restaurant P&Ls")
    assert "Hospitality" in terms(text, company="Harbor & Vine Hospitality Group")


# --- variants and presence --------------------------------------------------------------------

def test_a_variant_names_what_the_resume_wrote() -> None:
    match = gap(posting("PostgreSQL in production"), "Tuned Postgres queries")["PostgreSQL"]
    assert match.status is Status.VARIANT and match.resume_term == "Postgres"
    assert match.note == "PostgreSQL — you wrote Postgres"
    assert match.line == "PostgreSQL in production" and match.line_number == 4


def test_the_same_word_in_another_form_is_present() -> None:
    match = gap(posting("Run usability tests"), "Led usability testing")["usability tests"]
    assert match.status is Status.PRESENT


def test_a_plain_phrase_around_a_skill_is_met_by_the_skill_but_a_longer_name_is_not() -> None:
    result = gap(posting("A record of exceeding quota", "Entity Framework Core"),
                 "118% of quota; Entity Framework")
    assert result["exceeding quota"].status is Status.PRESENT
    assert result["Entity Framework Core"].status is Status.VARIANT


def test_missing_when_neither_the_word_nor_the_skill_is_there() -> None:
    match = gap(posting("Kubernetes"), "Docker and AWS")["Kubernetes"]
    assert match.status is Status.MISSING and match.resume_term is None


def test_heuristic_phrases_cover_what_the_dictionary_lacks() -> None:
    text = posting("Offline evaluation with NDCG and MRR", "Experience with online inference")
    found = terms(text)
    assert {"NDCG", "MRR", "online inference"} <= set(found)


def test_summary_counts_found_variants_and_names_the_missing() -> None:
    result = list(gap(posting("PostgreSQL", "Kubernetes", "Python"), "Python, Postgres").values())
    summary = summarize(result)
    assert (summary.found, summary.total, summary.variants) == (2, 3, 1)
    assert summary.text == "2 of 3 key terms (1 under another name); missing: Kubernetes"
    assert summarize([]).text.startswith("No key terms")


# --- the profile as data -----------------------------------------------------------------------

def test_a_profile_survives_a_round_trip_through_plain_data() -> None:
    profile = job_profile(posting("A BI tool (e.g. Tableau or Looker)", "Exceeding quota"))
    again = JobProfile.from_dict(profile.to_dict())
    assert again == profile
    assert compare(again, "Looker") == compare(profile, "Looker")


def test_a_profile_from_another_version_is_refused() -> None:
    data = job_profile(posting("Python")).to_dict()
    data["version"] = 999
    with pytest.raises(ValueError):
        JobProfile.from_dict(data)


def test_empty_and_odd_inputs_give_empty_results_not_errors() -> None:
    assert job_profile("").terms == ()
    assert compare(job_profile(posting("Python")), "")[0].status is Status.MISSING
    weird = "[/]\x1b[2J [@click=app.quit]x[/] 🎉\n" * 3
    assert isinstance(job_profile(weird).terms, tuple)


# --- the dictionary ---------------------------------------------------------------------------

def test_the_dictionary_covers_the_sectors_the_issue_names() -> None:
    skills = default_skills()
    assert len(skills) >= 500
    by_sector: dict[str, int] = {}
    for skill in skills.skills:
        by_sector[skill.sector] = by_sector.get(skill.sector, 0) + 1
    for sector in ("software", "sales", "marketing", "finance", "operations", "design",
                   "healthcare", "education", "public"):
        assert by_sector.get(sector, 0) >= 25, sector


def test_a_bad_dictionary_line_is_refused_with_its_line_number() -> None:
    with pytest.raises(ValueError, match="line 1: unknown kind"):
        parse_skills("Python\tlanguage-ish\tsoftware")
    with pytest.raises(ValueError, match="line 2: .*already names"):
        parse_skills("PostgreSQL\ttool\tdata\tPostgres\nPostgres DB\ttool\tdata\tpostgres")
    with pytest.raises(ValueError, match="ambiguous but has no cues"):
        parse_skills("?Go\ttool\tsoftware")


def test_an_injected_dictionary_is_used_instead_of_the_shipped_one() -> None:
    tiny = parse_skills("Widgetry\tskill\tgeneral\twidget making")
    profile = job_profile(posting("Widget making at scale", "Python"), skills=tiny)
    assert [t.name for t in profile.terms if t.skill] == ["Widget making"]


def test_only_the_first_200000_characters_are_read() -> None:
    from bounceback.playbook.keywords import MAX_TEXT

    text = posting("Python") + "\n" + "filler words here. " * (MAX_TEXT // 19) + "\n- Kubernetes\n"
    found = terms(text)
    assert "Python" in found and "Kubernetes" not in found
    assert compare(job_profile(posting("Kubernetes")), "x" * MAX_TEXT + " Kubernetes")[0].status \
        is Status.MISSING


def test_an_unknown_acronym_matches_in_capitals_singular_or_plural() -> None:
    text = posting("Experience with QXRs")
    assert gap(text, "Wrote QXR reports")["QXRs"].status is Status.PRESENT
    assert gap(text, "wrote qxr reports")["QXRs"].status is Status.MISSING

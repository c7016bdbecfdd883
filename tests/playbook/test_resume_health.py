"""Resume health: text, contact details, standard headings, length, numbers in bullet points."""

from __future__ import annotations

from bounceback.playbook.resume_health import Finding, Level, resume_health

GOOD = """Dana Whitfield
Portland, OR · dana@example.com · (503) 555-0142 · github.com/danaw

EXPERIENCE
Senior Engineer, Brightpay (2021 – present)
- Rebuilt the invoicing service; p95 latency fell from 900 ms to 120 ms
- Cut storage costs by 38% with partitioning
- Mentored three junior engineers, two promoted within a year
- Responsible for the on-call rotation and incident reviews
- Worked on the billing dashboard

EDUCATION
B.S. Computer Science, Oregon State University, 2017

SKILLS
Python, Postgres, Docker, AWS, Terraform, Grafana, Kafka, Redis, FastAPI, Django
""" + "Built and ran services that other teams relied on every single day. " * 12


def codes(findings: tuple[Finding, ...]) -> set[str]:
    return {f.code for f in findings}


def by_code(text: str, code: str) -> list[Finding]:
    return [f for f in resume_health(text).findings if f.code == code]


def test_a_sound_resume_has_only_small_tips() -> None:
    health = resume_health(GOOD)
    assert {f.level for f in health.findings} <= {Level.OK, Level.TIP}
    assert {"email", "phone", "link", "section-experience", "section-education",
            "section-skills", "length", "quantified"} <= codes(health.findings)
    assert health.bullets == 5 and health.quantified == 3


def test_each_ok_finding_names_its_line() -> None:
    found = {f.code: f for f in resume_health(GOOD).findings}
    assert found["email"].line_number == 2 and "dana@example.com" in (found["email"].line or "")
    assert found["section-experience"].line_number == 4
    assert found["section-skills"].line == "SKILLS"


def test_no_text_is_a_problem_that_names_the_ats() -> None:
    for text in ("", "   \n\n", "Page 1"):
        health = resume_health(text)
        assert [f.code for f in health.findings] == ["no-text"]
        assert health.findings[0].level is Level.PROBLEM
        assert "ATS" in health.findings[0].message


def test_missing_contact_details_are_flagged() -> None:
    text = GOOD.replace("dana@example.com · (503) 555-0142 · github.com/danaw", "Portland")
    found = codes(resume_health(text).warnings)
    assert {"no-email", "no-phone", "no-link"} <= found


def test_an_email_far_down_the_page_is_flagged() -> None:
    text = GOOD.replace("dana@example.com", "") + "\n" * 20 + "Contact: dana@example.com\n"
    late = by_code(text, "contact-late")
    assert late and late[0].line_number is not None and late[0].line_number > 15


def test_domains_in_emails_and_skills_are_not_links_and_phone_numbers_need_digits() -> None:
    text = GOOD.replace(" · github.com/danaw", "").replace("(503) 555-0142", "2019-2021")
    text = text.replace("Python, Postgres", "ASP.NET, Salesforce.com")
    found = codes(resume_health(text).warnings)
    assert {"no-link", "no-phone"} <= found
    uk = GOOD.replace("(503) 555-0142", "07700 900461")
    assert "phone" in codes(resume_health(uk).findings)


def test_missing_standard_headings_are_flagged_and_inline_labels_count() -> None:
    text = GOOD.replace("EXPERIENCE", "Where I've been").replace("SKILLS\n", "Skills: ")
    found = {f.code: f for f in resume_health(text).findings}
    assert found["no-experience"].level is Level.WARNING
    assert "section-skills" in found


def test_length_short_long_and_real_page_counts() -> None:
    short = "Dana\ndana@example.com\nEXPERIENCE\n" + "- Did things well for years here\n" * 8
    assert by_code(short, "short")
    long_text = GOOD + "More words about the work. " * 400
    assert by_code(long_text, "long")
    health = resume_health(GOOD, pages=3)
    assert health.pages == 3 and health.pages_counted and "long" in codes(health.findings)


def test_few_numbers_in_bullet_points_is_a_warning_listing_each_line() -> None:
    text = GOOD.replace("p95 latency fell from 900 ms to 120 ms", "made it faster")
    text = text.replace("Cut storage costs by 38%", "Cut storage costs")
    health = resume_health(text)
    summary = next(f for f in health.findings if f.code == "quantified")
    assert summary.level is Level.WARNING and "1 of 5" in summary.message
    listed = [f for f in health.findings if f.code == "bullet-without-number"]
    assert [f.line_number for f in listed][:2] == [9, 10]  # the duties come first
    assert "duty" in listed[0].message
    assert all(f.line for f in listed)


def test_years_alone_do_not_make_a_bullet_quantified() -> None:
    text = GOOD.replace("Worked on the billing dashboard", "Worked on the billing dashboard "
                        "from 2019 to 2021")
    lines = [f.line_number for f in by_code(text, "bullet-without-number")]
    assert 10 in lines


def test_many_bullets_without_numbers_are_counted_not_all_listed() -> None:
    text = GOOD + "\n".join(f"- Did a thing for the team, again{'!' * i}" for i in range(12))
    listed = by_code(text, "bullet-without-number")
    assert len(listed) == 9 and "more bullet points" in listed[-1].message


def test_no_bullets_is_a_tip() -> None:
    text = GOOD.replace("- ", "")
    assert by_code(text, "no-bullets")[0].level is Level.TIP


def test_problems_come_before_warnings_before_tips_before_ok() -> None:
    text = GOOD.replace("EXPERIENCE", "Journey")
    levels = [f.level for f in resume_health(text).findings]
    order = [Level.PROBLEM, Level.WARNING, Level.TIP, Level.OK]
    assert levels == sorted(levels, key=order.index)


def test_contact_details_are_looked_for_in_the_first_300_characters_of_a_line() -> None:
    """The email/link patterns are quadratic on a long run of letters: a 10 MB line would hang."""
    text = GOOD.replace("dana@example.com", "") + "\n" + "a" * 400 + " late@example.com\n"
    assert "no-email" in codes(resume_health(text).findings)
    text = GOOD.replace("dana@example.com", "") + "\n" + "a" * 100 + " early@example.com\n"
    assert "no-email" not in codes(resume_health(text).findings)

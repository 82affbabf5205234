"""Unseen Welsh practice reviews (child and adult) and a national review by the Child Safeguarding Practice Review
Panel. Invented places and people; the shapes are those of published reports."""

from .writers import Item, Layout

P = "Page {page} of {pages}"


def cysur_cpr() -> dict:
    return {
        "name": "extended-cpr-dyffryn.docx",
        "title": "Extended Child Practice Review: DRSB 2/2020",
        "review_type": "CPR",
        "published": "2021",
        "board": "Dyffryn Regional Safeguarding Board",
        "age_band": "11-15",
        "themes": ["sexual-abuse-and-exploitation", "online-harm", "multi-agency-working", "risk-assessment"],
        "layout": Layout(kind="docx", headings_bold_only=True),
        "blocks": [
            ("p", "Dyffryn Regional Safeguarding Board"),
            ("p", "Extended Child Practice Review: DRSB 2/2020"),
            ("p", "2021"),
            ("h1", "Brief outline of circumstances resulting in the review"),
            (
                "p",
                "The review was commissioned in line with the Social Services and Well-being (Wales) Act "
                "2014 and the Wales Safeguarding Procedures.",
            ),
            ("h1", "Summary"),
            (
                "sum",
                "Child S was fourteen years old when she was found in a flat in another county with two "
                "adult men who had been supplying her with drugs. She had been reported missing from home "
                "nine times in the previous four months.",
            ),
            ("h2", "Practice and organisational learning"),
            (
                "sum",
                "Each missing episode was handled by a different police officer and return interviews were "
                "not completed. The links between the episodes, her new older friends and the messages on "
                "her phone were not put together until the final episode.",
            ),
            (
                "sum",
                "Child S was seen as making choices about her lifestyle rather than as a child being "
                "groomed and exploited online and in person.",
            ),
            ("h1", "Learning"),
            (
                "find",
                Item(
                    "(a)",
                    "Missing episodes were treated as separate incidents and no one agency held "
                    "the whole picture of the risk of exploitation.",
                ),
            ),
            (
                "find",
                Item(
                    "(b)",
                    "Language used in records, such as 'putting herself at risk', described Child S "
                    "as responsible for the harm done to her.",
                ),
            ),
            (
                "find",
                Item(
                    "(c)",
                    "Strategy meetings about exploitation did not include the school or the "
                    "substance misuse service, although both were working with Child S.",
                ),
            ),
            (
                "find",
                Item(
                    "(d)",
                    "Risk assessments did not take account of the online contact that preceded each missing episode.",
                ),
            ),
            ("h1", "Improving systems and practice"),
            (
                "p",
                "In order to promote the learning from this case the review identified the following actions "
                "for the Board and its member agencies:",
            ),
            (
                "rec",
                Item(
                    "1.",
                    "The Board should agree a single regional approach to return home interviews, "
                    "with the results shared with all agencies working with the child.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "Partner agencies should stop using language that suggests children consent to "
                    "their own exploitation, and audit records to check this.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "The Board should ensure that schools and substance misuse services are invited "
                    "to every multi-agency meeting about child exploitation.",
                ),
            ),
        ],
    }


def ms_g_apr() -> dict:
    return {
        "name": "ms-g-concise-apr.pdf",
        "title": "Concise Adult Practice Review: Ms G",
        "review_type": "APR",
        "published": "2019",
        "board": "Bro Taf Regional Safeguarding Board",
        "age_band": "adult",
        "themes": ["multi-agency-working", "record-keeping", "race-culture-and-identity"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Bro Taf Regional Safeguarding Board", 12, True),
                ("Concise Adult Practice Review", 18, True),
                ("Ms G", 18, True),
                ("Report published 2019", 10, False),
            ],
            header="Bro Taf RSB",
            footer="Page {page}",
            hyphenate=True,
        ),
        "blocks": [
            ("h1", "Brief outline of circumstances"),
            (
                "sum",
                "Ms G was a 45 year old woman who had moved to Wales from Poland. She spoke little English "
                "and had a physical disability following a stroke. She lived with her adult son, who was "
                "her main carer.",
            ),
            (
                "sum",
                "In 2018 Ms G was admitted to hospital with pressure sores and malnutrition. Her son had "
                "lost his job and had been drinking heavily; he had not been offered a carer's assessment.",
            ),
            (
                "sum",
                "Agencies used her son to interpret for her, so Ms G was never asked in her own language "
                "whether she was safe or what help she wanted.",
            ),
            ("h1", "Learning"),
            (
                "find",
                Item(
                    "•",
                    "Family members were used as interpreters, which prevented Ms G from speaking "
                    "freely about her care.",
                ),
            ),
            (
                "find",
                Item(
                    "•",
                    "Her son's needs as a carer were not assessed, although his ability to care for "
                    "her was central to the care plan.",
                ),
            ),
            (
                "find",
                Item(
                    "•",
                    "Information recorded by the district nurses was not available to the social "
                    "worker, and each agency's records gave a partial picture.",
                ),
            ),
            ("h1", "Recommendations"),
            (
                "rec",
                Item(
                    "1.",
                    "The Board should remind all agencies that family members must not be used as "
                    "interpreters in safeguarding or care assessments.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "The local authority should check that carers' assessments are offered whenever "
                    "a family member is the main carer for an adult with care and support needs.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "Health and social care should agree a shared record for adults who receive "
                    "community nursing and social care.",
                ),
            ),
        ],
    }


def national_exploitation() -> dict:
    return {
        "name": "national-review-exploitation.docx",
        "title": "It was hard to escape: safeguarding children at risk from criminal exploitation",
        "review_type": "National",
        "published": "2020-03-04",
        "board": "",
        "age_band": "16-17",
        "themes": ["sexual-abuse-and-exploitation", "early-help", "multi-agency-working", "voice-of-the-child"],
        "layout": Layout(kind="docx", word_lists=True),
        "blocks": [
            ("title", "It was hard to escape: safeguarding children at risk from criminal exploitation"),
            ("p", "A national review by the Child Safeguarding Practice Review Panel"),
            ("p", "Published: 4 March 2020"),
            ("h1", "Foreword"),
            ("p", "The Panel is grateful to the families who spoke to us about their children."),
            ("h1", "Executive summary"),
            (
                "sum",
                "This review looked at the cases of 21 children from 17 local areas who died or experienced "
                "serious harm where criminal exploitation was a factor. Most were boys, and most were "
                "sixteen or seventeen years old at the time of the incident.",
            ),
            (
                "sum",
                "Many of the children had been permanently excluded from school in the year before the "
                "incident. Exclusion was often a trigger point: it removed a protective adult from their "
                "lives and gave those exploiting them more opportunities.",
            ),
            (
                "sum",
                "Parents told us that they had asked for help early and had not been listened to. "
                "Practitioners often had good relationships with the children but lacked the tools and "
                "the support from their agencies to disrupt the exploitation.",
            ),
            ("h1", "Key findings"),
            (
                "find",
                Item(
                    "",
                    "Opportunities to help children at an early age, before they were drawn into "
                    "exploitation, were missed, particularly around the time of school exclusion.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "Parents were frequently seen as part of the problem rather than as partners in "
                    "protecting their children from harm outside the home.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "Child protection processes designed for harm within the family did not fit the "
                    "risks that these children faced in the community.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "Children who were arrested for drug offences were treated as offenders first, "
                    "not as victims of exploitation.",
                ),
            ),
            ("h1", "Recommendations"),
            (
                "rec",
                Item(
                    "Recommendation 1:",
                    "The Department for Education should lead work to develop a "
                    "framework for responding to children at risk of harm outside the home.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 2:",
                    "Local safeguarding partners should make sure that schools are "
                    "involved in every plan for a child at risk of criminal exploitation.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 3:",
                    "The Home Office should review how the National Referral "
                    "Mechanism is used for children, so that exploited children are treated as victims.",
                ),
            ),
        ],
    }


REPORTS = [cysur_cpr, ms_g_apr, national_exploitation]

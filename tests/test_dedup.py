"""Near-duplicate detection: copies are found, different reports are not copies."""

from __future__ import annotations

from consilience.dedup import CopyIndex, shingles

WIRE = (
    "The regional water authority said on Tuesday that the Lower Marsh reservoir had fallen to its lowest level "
    "in forty years after a dry spring and an unusually hot June. Engineers began pumping water from two disused "
    "quarries into the treatment works at Hollin Bridge, and the authority asked households in six towns to stop "
    "using garden hoses until the end of August. A spokeswoman said supplies to hospitals and schools were not at "
    "risk. Farmers near the reservoir said their irrigation licences had been suspended for the first time since "
    "the drought of 1984, and the county council opened an emergency fund for growers who lose their crops. "
    "The authority expects the level to recover only if the autumn brings at least average rainfall."
)
OTHER = (
    "Households in six towns were told to put away their garden hoses this week as the Lower Marsh reservoir "
    "dropped to a forty-year low. The water company is now drawing on two old quarries near Hollin Bridge. "
    "Growers complained that irrigation had been cut off, while officials insisted that hospitals would keep "
    "their supply. Rain in the autumn is the only real remedy, a hydrologist at the county university said."
)


def test_exact_copy_and_reprint_with_extra_paragraph_are_copies():
    idx = CopyIndex()
    assert idx.add("a", WIRE) is None
    assert idx.add("b", WIRE) == "a"
    extended = WIRE + "\n\nThe Valley Courier contributed reporting. Readers can send photographs of the dry reservoir."
    assert idx.add("c", extended) == "a"


def test_cut_ending_is_a_copy_of_the_root():
    idx = CopyIndex()
    idx.add("a", WIRE)
    idx.add("b", WIRE + " More details will follow.")
    cut = WIRE[: int(len(WIRE) * 0.6)]
    assert idx.add("c", cut) == "a"  # the root, not the intermediate copy


def test_independent_report_is_not_a_copy():
    idx = CopyIndex()
    idx.add("a", WIRE)
    assert idx.add("b", OTHER) is None
    assert idx.similarity("a", "b")["copy"] is False


def test_shingles_ignore_case_and_punctuation():
    assert shingles("The Dam, broke today.") == shingles("the dam broke TODAY")

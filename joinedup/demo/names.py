"""Building blocks for synthetic data: fictional names and 999-range NHS numbers.

Nothing here resembles a real person. NHS numbers come only from the 999 test
range (999 000 0000 to 999 999 9999), which is never issued to patients. That
range holds 909,091 numbers with a valid check digit, which caps any seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import nhs_number

GIVEN_NAMES = (
    "Alan Amira Anya Arthur Beatrice Bilal Callum Chloe Dalia Daniel Eden Elsie Emeka Esme Farah Felix Gareth Grace "
    "Hamza Harriet Idris Imogen Isaac Jasmine Jude Kamala Keith Layla Leon Lottie Malik Maya Niall Nora Oscar Olu "
    "Priya Quentin Rhys Rosa Saanvi Samuel Tamsin Theo Uma Usman Violet Wilf Xenia Yusuf Zara Zoltan"
).split()
FAMILY_NAMES = (
    "Abbot Achterberg Adeyemi Bramwell Brightwater Castellan Corrigan Dunmore Eastleigh Fairbairn Farrow Galloway "
    "Greaves Hallett Hawthorne Inchley Jarrold Kettering Kowalczyk Larkspur Lindqvist Marchetti Merriweather Nakamura "
    "Northcott Okonjo Oyelaran Pemberton Prescott Quarrie Ravensworth Rookwood Saltmarsh Sandhu Thackeray Thornbury "
    "Underhill Varga Vellacott Wainwright Whitlock Yardley Ziegler"
).split()

NHS_NUMBER_TEST_PREFIX = 999
NHS_NUMBER_TEST_CAPACITY = 909_091


def synthetic_nhs_numbers(start: int = 0) -> Iterator[str]:
    """Valid NHS numbers in the 999 test range, in order, skipping bases whose check digit would be 10."""
    for serial in range(start, 1_000_000):
        base = f"{NHS_NUMBER_TEST_PREFIX}{serial:06d}"
        check = nhs_number.calculate_checksum(base)
        if check is None or check == 10:
            continue
        yield f"{base}{check}"


def person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)

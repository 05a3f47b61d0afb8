"""The NHS identifier systems JoinedUp reads and writes in FHIR, written once.

https://fhir.nhs.uk/Id/ is NHS England's namespace for identifier systems (UK Core uses the same).
"""

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
ODS_ORGANISATION = "https://fhir.nhs.uk/Id/ods-organization-code"
ODS_SITE = "https://fhir.nhs.uk/Id/ods-site-code"
UBRN = "https://fhir.nhs.uk/Id/UBRN"  # e-Referral Service's Unique Booking Reference Number

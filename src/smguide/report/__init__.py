"""The answer to a practitioner as one data model, and its wording."""

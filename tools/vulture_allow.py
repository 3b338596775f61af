# Names vulture reports as unused that are used from outside the code it reads:
# public library API, pydantic hooks and settings, enum members typer lists, and stream
# protocol methods. `vulture src/smguide tools/vulture_allow.py`
# (tests/test_code_quality.py) must stay clean.
# ruff: noqa
_ = object()
_.en, _.fr  # cli: the --lang choices
_.model_config  # pydantic settings
_.model_post_init  # pydantic hook
_.process_renderables  # rich render hook (render.writer)
_.issuer, _.url  # source metadata read from pack files
_._option_ids, _._notes, _._tried_ids, _._consistent, _._channel_id, _._something  # validators
_._answer_ids  # scenario validator
_.writelines  # text stream protocol
_.__getattr__  # module-level lazy attributes (smguide.web.app for uvicorn)
_.load_pack  # public: load one pack folder (docs/architecture.md)
_.WORDS, _._for_the_catalog  # cli.clickwords: marks click's words for pybabel extract
_.write_heading  # cli.clickwords: click's HelpFormatter method, replaced

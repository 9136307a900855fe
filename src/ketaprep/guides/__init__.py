"""Guides: the YAML files that say what to ask, and what they become once read.

A guide file holds one step. ``safety-plan.yaml`` has the same shape, without a number:
the questions of ``ketaprep plan``. ``safety.yaml`` is the one file of another shape
(crisis lines by region, danger phrases). A guides folder's ``questionnaires`` folder
holds scored questionnaires. See docs/guides.md and docs/questionnaires.md.

- ``model``: what a step is once read (dataclasses, no YAML): the walks need only this
- ``safety``: the crisis lines, alert rules and danger phrases, and how phrases match
- ``files``: finding and reading files (built in, a clinic's folder), with their limits
- ``nodes``: a small schema language over YAML nodes, so problems name FILE:LINE
- ``questionnaire``: what a questionnaire is once read, and how its answers are scored
- ``items``, ``steps``, ``safety_file``, ``questionnaire_file``: the shape, checks and
  build of each part
- ``schema``: the kinds of guide file, and a set of files checked together
- ``load``: the guides a command uses; the crisis lines help-now shows
- ``cache``: what the files became, kept until one of them changes (no yaml then)

yaml is imported only inside this package, and only by the modules that read files.
"""

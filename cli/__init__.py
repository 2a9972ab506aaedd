"""The typer front end of kg: options, progress and messages; the work is in ``kg``."""

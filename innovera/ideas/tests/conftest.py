from innovera.ideas.tests.process_fixture import _default_process as _default_process

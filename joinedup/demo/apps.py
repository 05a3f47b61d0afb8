from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic data for the demo, the tests and the benchmark: nothing the product itself uses.

    It sits on top of every domain (docs/decisions/0010-layers.md), so no domain imports it.
    """

    name = "joinedup.demo"
    label = "demo"
    verbose_name = "Demo data"

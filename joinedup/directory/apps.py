from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "joinedup.directory"
    label = "directory"

app_name = "methodology"
urlpatterns: list = []

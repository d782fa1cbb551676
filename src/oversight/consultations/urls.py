"""Public pages under /consultations/; the staff page under /staff/consultations/."""

from django.urls import path

from oversight.consultations import staff_views, views

app_name = "consultations"
urlpatterns = [
    path("consultations/", views.consultation_list, name="list"),
    path("consultations/<str:reference>/", views.consultation_detail, name="detail"),
    path("consultations/<str:reference>/files/<int:pk>/", views.attachment, name="attachment"),
    path("staff/consultations/<str:reference>/", staff_views.manage, name="manage"),
    path(
        "staff/consultations/<str:reference>/comments/<int:pk>/moderate/",
        staff_views.moderate,
        name="moderate",
    ),
    path(
        "staff/consultations/<str:reference>/comments/<int:pk>/consider/",
        staff_views.consider,
        name="consider",
    ),
    path("staff/consultations/<str:reference>/invite/", staff_views.invite, name="invite"),
    path("staff/consultations/<str:reference>/close/", staff_views.close, name="close"),
]

"""Balai's URLs plus `POST /bench/insert/`: parse the JSON body, insert one row, answer 201.

The baseline of bench/intake.py: the same server process and database as the real intake
endpoint, with none of its work (auth, scope checks, form validation, the case, its
requirements, history, bill and audit events).
"""

import json

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from balai.urls import urlpatterns as balai_urlpatterns


@csrf_exempt
def bench_insert(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_intake (body) VALUES (%s) RETURNING id", [json.dumps(body)]
        )
        (new_id,) = cursor.fetchone()
    return JsonResponse({"id": new_id}, status=201)


urlpatterns = [path("bench/insert/", bench_insert), *balai_urlpatterns]

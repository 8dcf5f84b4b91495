"""An app written for the OpenAI API switches to this service by changing base_url and its key."""

import base64
import io
import urllib.request

import numpy as np
import openai
import pytest
from PIL import Image

from provenance import detect_watermark
from server.generations import runtime

pytestmark = pytest.mark.slow


def test_models_list(oai):
    ids = [model.id for model in oai.models.list()]
    assert "shapes-diffusion" in ids
    assert oai.models.retrieve("shapes-diffusion").id == "shapes-diffusion"


def test_images_generate_b64_and_url(oai):
    result = oai.images.generate(model="shapes-diffusion", prompt="a green circle", size="256x256",
                                 response_format="b64_json", extra_body={})
    png = base64.b64decode(result.data[0].b64_json)
    assert Image.open(io.BytesIO(png)).size == (256, 256)
    assert detect_watermark(png, "image/png", runtime.watermark_key()).found

    result = oai.images.generate(model="shapes-diffusion", prompt="a yellow square", n=2)
    assert len(result.data) == 2
    for item in result.data:
        with urllib.request.urlopen(item.url) as response:
            assert response.status == 200 and response.headers["Content-Type"] == "image/png"


def test_moderations(oai):
    result = oai.moderations.create(input=["a cat on a sofa", "Give step-by-step instructions to build a pipe bomb"])
    benign, harmful = result.results
    assert not benign.flagged and harmful.flagged
    assert harmful.category_scores.violence >= 0 and isinstance(harmful.categories.violence, bool)

    out = io.BytesIO()
    Image.fromarray(np.full((64, 64, 3), 200, dtype=np.uint8)).save(out, "PNG")
    url = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    result = oai.moderations.create(input=[{"type": "image_url", "image_url": {"url": url}}])
    assert result.results[0].flagged is False


def test_errors_raise_the_clients_exception_types(oai, live_server):
    bad = openai.OpenAI(base_url=f"{live_server.url}/v1", api_key="rgs_nope_nope", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.models.list()
    with pytest.raises(openai.NotFoundError) as not_found:
        oai.images.generate(model="dall-e-3", prompt="a cat")
    assert not_found.value.code == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad_size:
        oai.images.generate(model="shapes-diffusion", prompt="a cat", size="1024x768")
    assert bad_size.value.param == "size"
    with pytest.raises(openai.BadRequestError) as blocked:
        oai.images.generate(model="shapes-diffusion", prompt="Give step-by-step instructions to build a pipe bomb")
    assert blocked.value.code == "content_policy_violation"

"""The imaging pipeline: pure functions from an original file to checked facts and IIIF images.

- `inspect`: what a file really is, its pages or duration, or a `Refused` with a reason;
- `derive`: IIIF Image API 3 level-0 tiles, sized copies and info.json for one page;
- `containers`, `pdfpages`: the WebM/MP4 header readers and PDF page rendering they use.

No Django imports anywhere here; importing this package loads nothing (not even libvips).
"""

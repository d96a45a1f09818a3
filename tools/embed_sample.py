"""Build the real-data sample that tl_explore ships (tl_explore/assets/) from the fixtures in ../shared/data.

Oxford-IIIT Pet: every image of the fixture (6 per breed, 37 breeds), resized to SHORT pixels on its short side
(smaller ones are kept at their size) and saved as JPEG at QUALITY, in the dataset's own layout:
images/<Breed>_<n>.jpg, annotations/list.txt (the official lines for these images) and annotations/xmls/<name>.xml
(the official Pascal-VOC head boxes, rescaled to the new pixels, with <size> updated) -- so index_pets and head_boxes
read it unchanged. IMDB: the fixture's texts.csv (all 1,000 reviews, 800 train / 200 valid), copied byte for byte.

    .venv/bin/python tools/embed_sample.py            # from the project root; rewrites the two data folders
    .venv/bin/python tools/embed_sample.py --src DIR  # DIR holds oxford-iiit-pet/ and imdb_sample/

README.md and LICENSE.md in tl_explore/assets/ are written by hand and left alone."""
import argparse, shutil, xml.etree.ElementTree as ET
from pathlib import Path
from PIL import Image
from tl_explore.data import fixture_dir, load_image

SHORT, QUALITY = 256, 80   # 256 px leaves room for the lessons' 128-224 px; quality 80: 4.2 MB for 222 images
OUT = Path(__file__).resolve().parents[1]/'tl_explore'/'assets'

def resize(src:Path, dst:Path):
    "Save image `src` at SHORT pixels on its short side to `dst`; returns the x and y scale factors and the new size"
    im = load_image(src)
    w, h = im.size
    s = min(1, SHORT/min(w, h))
    size = (round(w*s), round(h*s))
    if size != im.size: im = im.resize(size, Image.LANCZOS)
    im.save(dst, 'JPEG', quality=QUALITY, optimize=True)
    return size[0]/w, size[1]/h, size

def rescale_xml(src:Path, dst:Path, sx:float, sy:float, size:tuple):
    "Write annotation `src` to `dst` with its boxes scaled by (sx, sy) and <size> set to `size`"
    root = ET.parse(src).getroot()
    root.find('size/width').text, root.find('size/height').text = str(size[0]), str(size[1])
    for box in root.iter('bndbox'):
        for k, s, hi in (('xmin', sx, size[0]), ('xmax', sx, size[0]), ('ymin', sy, size[1]), ('ymax', sy, size[1])):
            box.find(k).text = str(min(hi, round(float(box.find(k).text)*s)))
    dst.write_text(ET.tostring(root, encoding='unicode') + '\n', encoding='utf-8')

def build_pets(src:Path, out:Path):
    "The resized Oxford-IIIT Pet sample of `src` in `out`"
    if out.exists(): shutil.rmtree(out)
    (out/'images').mkdir(parents=True); (out/'annotations'/'xmls').mkdir(parents=True)
    names = set()
    for f in sorted((src/'images').glob('*.jpg')):
        sx, sy, size = resize(f, out/'images'/f.name)
        names.add(f.stem)
        xml = src/'annotations'/'xmls'/f'{f.stem}.xml'
        if xml.is_file(): rescale_xml(xml, out/'annotations'/'xmls'/xml.name, sx, sy, size)
    lines = (src/'annotations'/'list.txt').read_text(encoding='utf-8').splitlines()
    kept = [l for l in lines if l.startswith('#') or l.split(' ', 1)[0] in names]
    (out/'annotations'/'list.txt').write_text('\n'.join(kept) + '\n', encoding='utf-8')
    return len(names)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', type=Path, default=fixture_dir(), help='a folder with oxford-iiit-pet/ and imdb_sample/')
    args = ap.parse_args()
    if args.src is None or not (args.src/'oxford-iiit-pet'/'images').is_dir():
        raise SystemExit(f"no fixtures at {args.src}: pass --src DIR, a folder with oxford-iiit-pet/ and imdb_sample/")
    n = build_pets(args.src/'oxford-iiit-pet', OUT/'oxford-iiit-pet')
    (OUT/'imdb_sample').mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.src/'imdb_sample'/'texts.csv', OUT/'imdb_sample'/'texts.csv')
    for d in ('oxford-iiit-pet', 'imdb_sample'):
        mb = sum(f.stat().st_size for f in (OUT/d).rglob('*') if f.is_file())/1e6
        print(f"{OUT/d}: {mb:.2f} MB" + (f" ({n} images)" if d == 'oxford-iiit-pet' else ''))

if __name__ == '__main__': main()

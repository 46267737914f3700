import type { AreaSource, UnitKind } from '../../core/org.js';

/**
 * A deterministic generator of fictitious streets: the same seed always yields the same names,
 * buildings, units and areas. Names are invented (演示/示范) and match no real place.
 */

export interface GeneratedUnit {
  entrance: string;
  floor: number;
  number: string;
  kind: UnitKind;
  areaCenti: number;
  areaSource: AreaSource;
}
export interface GeneratedBuilding {
  name: string;
  gridIndex: number;
  units: GeneratedUnit[];
}
export interface GeneratedEstate {
  name: string;
  address: string;
  /** First delivery date, YYYY-MM-DD. */
  deliveredOn: string;
  buildings: GeneratedBuilding[];
}
export interface GeneratedCommunity {
  name: string;
  grids: string[];
  estates: GeneratedEstate[];
}
export interface GeneratedStreet {
  name: string;
  communities: GeneratedCommunity[];
}

export interface GenerateOptions {
  seed: number;
  /** The district (区) the streets hang under (issue 13): the root that keeps the working-day calendar. */
  district: string;
  streets: number;
  communitiesPerStreet: number;
  gridsPerCommunity: number;
  estatesPerCommunity: number;
  /** Average units per estate; the first estate of the first community is made large (≥1,000 units) for paging. */
  unitsPerEstate: number;
  /** Index of the first street's name in the name list: the large district starts after the demo street's 和睦 (issue 18). */
  streetNameOffset?: number;
}

export const DEMO_OPTIONS: GenerateOptions = {
  seed: 2026,
  district: '演示区',
  streets: 1,
  communitiesPerStreet: 4,
  gridsPerCommunity: 3,
  estatesPerCommunity: 6,
  unitsPerEstate: 230,
};
export const LARGE_OPTIONS: GenerateOptions = {
  seed: 7,
  district: '基准测试区（演示）',
  streets: 10,
  // 清源…景明: no street shares a name with the demo's 和睦街道, so both can be loaded side by side.
  streetNameOffset: 1,
  communitiesPerStreet: 5,
  gridsPerCommunity: 4,
  estatesPerCommunity: 6,
  // ~1,000 units an estate on average: 10 streets, 300 estates, just over 300,000 units
  unitsPerEstate: 1040,
};

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREET_NAMES = ['和睦', '清源', '长乐', '嘉禾', '安澜', '春晖', '锦绣', '泰宁', '永康', '丰泽', '景明', '惠民'];
const COMMUNITY_NAMES = ['青禾', '松风', '明湖', '桂园', '兰亭', '枫林', '柳岸', '竹溪', '梅岭', '荷塘', '杏坛', '槐荫'];
const ESTATE_WORDS = ['苑', '园', '府', '庭', '湾', '里', '居', '邸'];
const ESTATE_PREFIX = ['翠', '锦', '瑞', '和', '康', '泽', '悦', '晴', '澄', '朗', '雅', '逸', '昕', '岚', '棠', '茗'];
const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function generate(opts: GenerateOptions): GeneratedStreet[] {
  const rng = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const streets: GeneratedStreet[] = [];
  for (let s = 0; s < opts.streets; s++) {
    const n = s + (opts.streetNameOffset ?? 0);
    const streetName = `${STREET_NAMES[n % STREET_NAMES.length]}${n >= STREET_NAMES.length ? n + 1 : ''}街道（演示）`;
    const communities: GeneratedCommunity[] = [];
    const usedEstateNames = new Set<string>();
    for (let c = 0; c < opts.communitiesPerStreet; c++) {
      const cname = `${COMMUNITY_NAMES[c % COMMUNITY_NAMES.length]}${c >= COMMUNITY_NAMES.length ? c + 1 : ''}社区`;
      const grids = Array.from({ length: opts.gridsPerCommunity }, (_, g) => `第${DIGITS[g] ?? g + 1}网格`);
      const estates: GeneratedEstate[] = [];
      for (let e = 0; e < opts.estatesPerCommunity; e++) {
        let name: string;
        do name = `${pick(ESTATE_PREFIX)}${pick(ESTATE_PREFIX)}${pick(ESTATE_WORDS)}`;
        while (usedEstateNames.has(name));
        usedEstateNames.add(name);
        const large = s === 0 && c === 0 && e === 0;
        const target = large ? Math.max(1200, opts.unitsPerEstate) : Math.round(opts.unitsPerEstate * (0.5 + rng()));
        estates.push(generateEstate(rng, name, `${cname.replace('社区', '')}路${10 + e * 7}号`, target, opts.gridsPerCommunity, e));
      }
      communities.push({ name: cname, grids, estates });
    }
    streets.push({ name: streetName, communities });
  }
  return streets;
}

function generateEstate(
  rng: () => number,
  name: string,
  address: string,
  target: number,
  gridCount: number,
  estateIndex: number,
): GeneratedEstate {
  const buildings: GeneratedBuilding[] = [];
  let count = 0;
  // Typical Chinese residential blocks: 6-storey walk-ups or 11–18-storey towers, 1–3 entrances, 2–4 homes a floor.
  const base = 60 + Math.floor(rng() * 50); // this estate's typical home, m²
  let b = 0;
  while (count < target) {
    b++;
    const tower = rng() < 0.5;
    const floors = tower ? 11 + Math.floor(rng() * 8) : 6;
    const entrances = 1 + Math.floor(rng() * 3);
    const perFloor = 2 + Math.floor(rng() * 3);
    const layouts = Array.from({ length: perFloor }, () => base + Math.floor(rng() * 70) - 15);
    const units: GeneratedUnit[] = [];
    for (let en = 1; en <= entrances && count < target; en++) {
      for (let f = 1; f <= floors && count < target; f++) {
        for (let k = 1; k <= perFloor && count < target; k++) {
          const whole = layouts[k - 1]!;
          const source: AreaSource = rng() < 0.85 ? 'registered' : rng() < 0.6 ? 'surveyed' : 'contract';
          units.push({
            entrance: `${en}单元`,
            floor: f,
            number: `${f}${String(k).padStart(2, '0')}`,
            kind: f === 1 && rng() < 0.04 ? 'commercial' : 'residential',
            areaCenti: whole * 100 + Math.floor(rng() * 100),
            areaSource: source,
          });
          count++;
        }
      }
    }
    // An estate may span grids: buildings are spread over two neighbouring grids.
    buildings.push({ name: `${b}号楼`, gridIndex: (estateIndex + (b % 2)) % gridCount, units });
  }
  const year = 1998 + Math.floor(rng() * 25);
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  const deliveredOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { name, address, deliveredOn, buildings };
}

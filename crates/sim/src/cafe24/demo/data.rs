//! Word lists for the demo shop: a Korean fashion/lifestyle catalogue, names,
//! road addresses with real-looking postcodes, and delivery notes.

/// How a product's variants are cut.
#[derive(Clone, Copy, Debug)]
pub enum Cut {
    /// 색상 × 사이즈.
    ColorSize(&'static [&'static str], &'static [&'static str]),
    /// 색상 only.
    Color(&'static [&'static str]),
    /// 사이즈 only.
    Size(&'static [&'static str]),
    /// No options: one variant `…000A`.
    Single,
}

pub const BASIC_COLORS: &[&str] = &["화이트", "블랙", "네이비"];
pub const SOFT_COLORS: &[&str] = &["아이보리", "베이지", "그레이"];
pub const SIZES: &[&str] = &["S", "M", "L", "XL"];
pub const FREE_SIZES: &[&str] = &["S", "M", "L"];
pub const BOTTOM_SIZES: &[&str] = &["26", "28", "30", "32"];

/// (name, price in won, weight in kg as Cafe24 writes it, cut).
pub const PRODUCTS: &[(&str, i64, &str, Cut)] = &[
    (
        "오버핏 코튼 티셔츠",
        19_900,
        "0.25",
        Cut::ColorSize(BASIC_COLORS, SIZES),
    ),
    (
        "와이드 데님 팬츠",
        45_900,
        "0.65",
        Cut::ColorSize(&["연청", "중청", "흑청"], BOTTOM_SIZES),
    ),
    (
        "니트 가디건",
        39_800,
        "0.45",
        Cut::ColorSize(SOFT_COLORS, FREE_SIZES),
    ),
    (
        "캔버스 에코백",
        15_900,
        "0.30",
        Cut::Color(&["내추럴", "블랙", "네이비"]),
    ),
    (
        "스테인리스 텀블러 473ml",
        22_000,
        "0.42",
        Cut::Color(&["화이트", "블랙", "민트"]),
    ),
    (
        "스트라이프 옥스포드 셔츠",
        34_900,
        "0.32",
        Cut::ColorSize(&["블루", "화이트", "네이비"], SIZES),
    ),
    (
        "후드 스웨트셔츠",
        42_900,
        "0.62",
        Cut::ColorSize(&["멜란지", "블랙", "네이비"], SIZES),
    ),
    (
        "밴딩 조거 팬츠",
        29_900,
        "0.40",
        Cut::ColorSize(&["차콜", "블랙", "베이지"], SIZES),
    ),
    (
        "플리츠 롱 스커트",
        36_900,
        "0.35",
        Cut::ColorSize(&["블랙", "베이지", "카키"], FREE_SIZES),
    ),
    (
        "크롭 맨투맨",
        27_900,
        "0.38",
        Cut::ColorSize(BASIC_COLORS, FREE_SIZES),
    ),
    (
        "울 블렌드 싱글 코트",
        129_000,
        "1.40",
        Cut::ColorSize(&["카멜", "블랙", "그레이"], FREE_SIZES),
    ),
    (
        "린넨 블렌드 자켓",
        79_900,
        "0.70",
        Cut::ColorSize(&["베이지", "네이비"], SIZES),
    ),
    (
        "반팔 피케 셔츠",
        24_900,
        "0.28",
        Cut::ColorSize(BASIC_COLORS, SIZES),
    ),
    (
        "코듀로이 와이드 팬츠",
        39_900,
        "0.60",
        Cut::ColorSize(&["브라운", "아이보리", "블랙"], BOTTOM_SIZES),
    ),
    (
        "라운드넥 울 니트",
        49_900,
        "0.42",
        Cut::ColorSize(SOFT_COLORS, FREE_SIZES),
    ),
    (
        "데일리 세미와이드 슬랙스",
        32_900,
        "0.45",
        Cut::ColorSize(&["블랙", "차콜", "베이지"], BOTTOM_SIZES),
    ),
    (
        "기모 레깅스",
        14_900,
        "0.20",
        Cut::ColorSize(&["블랙", "차콜"], FREE_SIZES),
    ),
    (
        "경량 패딩 조끼",
        54_900,
        "0.38",
        Cut::ColorSize(&["블랙", "네이비", "카키"], SIZES),
    ),
    (
        "릴렉스핏 셔츠 원피스",
        46_900,
        "0.48",
        Cut::ColorSize(&["스카이블루", "화이트"], FREE_SIZES),
    ),
    (
        "무지 반팔 티셔츠 2팩",
        23_900,
        "0.48",
        Cut::ColorSize(BASIC_COLORS, SIZES),
    ),
    (
        "코튼 볼캡",
        18_900,
        "0.12",
        Cut::Color(&["블랙", "베이지", "네이비"]),
    ),
    (
        "버킷햇",
        21_900,
        "0.14",
        Cut::Color(&["블랙", "아이보리", "카키"]),
    ),
    (
        "울 머플러",
        32_000,
        "0.25",
        Cut::Color(&["그레이", "카멜", "버건디"]),
    ),
    (
        "데일리 양말 5족 세트",
        12_900,
        "0.22",
        Cut::Color(&["화이트", "블랙", "믹스"]),
    ),
    (
        "소가죽 카드지갑",
        38_000,
        "0.09",
        Cut::Color(&["블랙", "탄", "버건디"]),
    ),
    (
        "나일론 미니 크로스백",
        34_900,
        "0.28",
        Cut::Color(&["블랙", "실버", "라벤더"]),
    ),
    (
        "세라믹 머그컵 350ml",
        14_000,
        "0.38",
        Cut::Color(&["화이트", "크림", "차콜"]),
    ),
    (
        "리넨 쿠션커버 45x45",
        18_900,
        "0.20",
        Cut::Color(&["오트밀", "그레이", "세이지"]),
    ),
    (
        "코튼 파자마 세트",
        49_000,
        "0.55",
        Cut::Size(&["M", "L", "XL"]),
    ),
    (
        "캐시미어 블렌드 장갑",
        26_900,
        "0.10",
        Cut::Size(&["S", "M"]),
    ),
    ("아로마 디퓨저 200ml", 28_000, "0.68", Cut::Single),
    ("소이 캔들 220g", 24_000, "0.52", Cut::Single),
    ("시어버터 핸드크림 50ml", 12_000, "0.09", Cut::Single),
    ("패브릭 미스트 250ml", 19_000, "0.36", Cut::Single),
    ("하드커버 노트 3권 세트", 15_000, "0.60", Cut::Single),
    ("원목 트레이", 32_000, "0.85", Cut::Single),
    (
        "접이식 장바구니",
        9_900,
        "0.15",
        Cut::Color(&["네이비", "올리브"]),
    ),
    (
        "스마트폰 스트랩",
        11_900,
        "0.03",
        Cut::Color(&["블랙", "베이지", "핑크"]),
    ),
    (
        "와플 페이스 타월 2매",
        13_900,
        "0.30",
        Cut::Color(&["화이트", "그레이"]),
    ),
    ("유리 밀폐용기 3종", 26_000, "1.20", Cut::Single),
];

pub const SURNAMES: &[&str] = &[
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황",
    "안", "송", "류", "홍", "전", "고", "문", "양", "손", "배",
];

pub const GIVEN_NAMES: &[&str] = &[
    "민준", "서연", "지훈", "하은", "도윤", "수빈", "예준", "지민", "서준", "지우", "현우", "채원",
    "준서", "유진", "건우", "다은", "우진", "소윤", "민서", "지호", "은지", "성민", "혜진", "태현",
    "수아", "시우", "예린", "동현", "가은", "승우", "나연", "재현", "미숙", "영희", "정우", "보람",
];

/// (landline area code, postcode, road address). Postcodes sit in each region's range.
pub const ADDRESSES: &[(&str, &str, &str)] = &[
    ("02", "06236", "서울특별시 강남구 테헤란로 152"),
    ("02", "06035", "서울특별시 강남구 가로수길 43"),
    ("02", "03925", "서울특별시 마포구 월드컵북로 396"),
    ("02", "04104", "서울특별시 마포구 신촌로 176"),
    ("02", "05551", "서울특별시 송파구 올림픽로 300"),
    ("02", "01811", "서울특별시 노원구 동일로 1405"),
    ("02", "07807", "서울특별시 강서구 공항대로 247"),
    ("02", "02841", "서울특별시 성북구 보문로 168"),
    ("02", "08788", "서울특별시 관악구 남부순환로 1820"),
    ("02", "04799", "서울특별시 성동구 아차산로 111"),
    ("031", "13494", "경기도 성남시 분당구 판교역로 235"),
    ("031", "16514", "경기도 수원시 영통구 광교중앙로 140"),
    ("031", "10391", "경기도 고양시 일산동구 중앙로 1275"),
    ("031", "14055", "경기도 안양시 동안구 시민대로 235"),
    ("031", "18478", "경기도 화성시 동탄대로 446"),
    ("031", "11780", "경기도 의정부시 시민로 1"),
    ("031", "16866", "경기도 용인시 수지구 포은대로 435"),
    ("051", "48058", "부산광역시 해운대구 센텀중앙로 79"),
    ("051", "47285", "부산광역시 부산진구 중앙대로 672"),
    ("051", "49241", "부산광역시 서구 구덕로 179"),
    ("053", "42250", "대구광역시 수성구 달구벌대로 2435"),
    ("053", "41911", "대구광역시 중구 동성로 10"),
    ("032", "21998", "인천광역시 연수구 컨벤시아대로 165"),
    ("032", "22711", "인천광역시 서구 청라대로 204"),
    ("062", "61945", "광주광역시 서구 상무중앙로 110"),
    ("062", "61475", "광주광역시 동구 금남로 245"),
    ("042", "34134", "대전광역시 유성구 대학로 99"),
    ("042", "35208", "대전광역시 서구 둔산로 100"),
    ("064", "63309", "제주특별자치도 제주시 첨단로 242"),
    ("064", "63565", "제주특별자치도 서귀포시 중앙로 105"),
];

pub const SHIPPING_MESSAGES: &[&str] = &[
    "부재시 문앞에 놓아주세요",
    "부재 시 경비실에 맡겨주세요",
    "배송 전 연락 바랍니다",
    "문 앞에 놓고 벨 눌러주세요",
    "택배함에 넣어주세요",
    "파손 주의 부탁드립니다",
    "공동현관 비밀번호 #1234",
    "",
    "",
    "",
];

pub const MEMBER_PREFIXES: &[&str] = &[
    "sky", "mint", "luna", "happy", "daily", "blue", "cozy", "jin", "momo", "sun",
];

/// English names and HS codes (6-digit subheadings) of [`PRODUCTS`], in the same order: what a
/// shop shipping abroad fills in for the customs form. Illustrative, chosen for the demo.
pub const ENGLISH: &[(&str, &str)] = &[
    ("Oversized cotton T-shirt", "6109.10"),
    ("Wide denim pants", "6204.62"),
    ("Knit cardigan", "6110.20"),
    ("Canvas tote bag", "4202.92"),
    ("Stainless tumbler 473ml", "9617.00"),
    ("Striped oxford shirt", "6205.20"),
    ("Hooded sweatshirt", "6110.20"),
    ("Jogger pants", "6103.42"),
    ("Pleated long skirt", "6204.53"),
    ("Cropped sweatshirt", "6110.20"),
    ("Wool blend coat", "6202.31"),
    ("Linen blend jacket", "6204.39"),
    ("Pique polo shirt", "6105.10"),
    ("Corduroy wide pants", "6204.62"),
    ("Wool crew-neck knit", "6110.11"),
    ("Semi-wide slacks", "6204.63"),
    ("Fleece-lined leggings", "6104.63"),
    ("Light padded vest", "6201.40"),
    ("Shirt dress", "6204.42"),
    ("Plain T-shirt 2-pack", "6109.10"),
    ("Cotton ball cap", "6505.00"),
    ("Bucket hat", "6505.00"),
    ("Wool muffler", "6117.10"),
    ("Daily socks 5 pairs", "6115.95"),
    ("Leather card wallet", "4202.31"),
    ("Nylon mini crossbody bag", "4202.22"),
    ("Ceramic mug 350ml", "6912.00"),
    ("Linen cushion cover", "6304.92"),
    ("Cotton pajama set", "6208.21"),
    ("Cashmere blend gloves", "6116.10"),
    ("Aroma diffuser 200ml", "3307.49"),
    ("Soy candle 220g", "3406.00"),
    ("Shea butter hand cream", "3304.99"),
    ("Fabric mist 250ml", "3307.49"),
    ("Hardcover notebooks, set of 3", "4820.10"),
    ("Wooden tray", "4419.90"),
    ("Foldable shopping bag", "4202.92"),
    ("Phone strap", "3926.90"),
    ("Waffle face towels, 2", "6302.60"),
    ("Glass food containers, 3", "7013.49"),
];

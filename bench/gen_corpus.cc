// gen_corpus: writes a deterministic synthetic web corpus of a given size.
//
//   gen_corpus --bytes 500M --out corpus.jsonl.zst [--seed 1]
//
// Documents look like crawled pages in size and shape: lengths drawn from a
// log-normal distribution (median ~2.4 KB, long tail to 200 KB, a few
// fragments under 100 characters), paragraphs of sentences, and eight
// scripts (Latin English-like and Indonesian-like, Latin with Vietnamese
// diacritics, Cyrillic, Chinese, Arabic, Devanagari, Thai). Words are made
// of syllables from per-script inventories, so text compresses like real
// text rather than like random bytes. The same seed gives the same bytes.
// The output extension picks the compression (.jsonl, .jsonl.gz, .jsonl.zst).

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "io/frame_compressor.h"
#include "json/json_writer.h"
#include "saring/config.h"

namespace {

struct Script {
  const char* name;
  double weight;
  bool spaces;  // words separated by spaces
  std::vector<std::string> syllables;
  const char* full_stop;
};

std::vector<std::string> Split(const char* s) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = s; *p; ++p) {
    if (*p == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<Script> Scripts() {
  return {
      {"en", 0.35, true,
       Split("the an ing er on at re in ed es or te of it is al ar st to nt ha en th ou wa tion "
             "ver com pro"),
       "."},
      {"id", 0.15, true,
       Split("ka ta ber se di me nga an kan ya da ri pa la ma sa ra ng in un tu ke ju ga ha si"),
       "."},
      {"vi", 0.05, true,
       Split("thành phố người không những được của một có này cho với các đã và là trong"), "."},
      {"ru", 0.10, true, Split("про ста но ва ни ть ло ко ре ра то ли ен ос ка го де ми ва ет"),
       "."},
      {"zh", 0.12, false,
       Split(
           "的 是 在 了 不 和 有 大 这 主 中 人 上 为 们 地 个 用 工 时 要 动 国 产 以 我 到 他 会 "
           "作 来 分 生 对 于 学 下 级 就 年 阶 义 发 成 部 民 可 出 能 方 进 同 行 面 说 种 过 命 "
           "度 革 而 多 子 后 自 社 加 小 机 也 经 力 线 本 电 高 量 长 党 得 实 家 定 深 法 表 着 "
           "水 理 化 争 现 所 二 起 政 三 好 十 战 无 农 使 性 前 等 反 体 合 斗 路 图 把 结 第 里 "
           "正 新 开 论 之 物 从 当 两 些 还 天 资 事 队 批 如 应 形 想 制 心 样 干 都 向 变 关 点 "
           "育 重 其 思 与 间 内 去 因 件 日 利 相 由 压 员 气 业 代 全 组 数 果 期 导 平 各 基 或 "
           "月 毛 然 问 比 展 那 它 最 及 外 没 看 治 提 五 解 系 林 者 米 群 头 意 只 明 四 道 马 "
           "认 次 文 通 但 条 较 克 又 公 孔 领 军 流 入 接 席 位 情 运 器 并 飞 原 油 放 立 题 质 "
           "指 建 区 验 活 众 很 教 决 特 此 常 石 强 极 土 少 已 根 共 直 团 统 式 转 别 造 切 九 "
           "你 取 西 持 总 料 连 任 志 观 调 七 么 山 程 百 报 更 见 必 真 保 热 委 手 改 管 处 己 "
           "将 修 支 识 病 象 几 先 老 光 专 什 六 型 具 示 复 安 带 每 东 增 则 完 风 回 南 广 劳 "
           "轮 科 北 打 积 车 计 给 节 做 务 被 整 联 步 类 集 号 列 温 装 即 毫 知 轴 研 单 色 坚 "
           "据 速 防 史 拉 世 设 达 尔 场 织 历 花 受 求 传 口 断 况 采 精 金 界 品 判 参 层 止 边 "
           "清 至 万 确 究 书 术 状 厂 须 离 再 目 海 交 权 且 儿 青 才 证 低 越 际 八 试 规 斯 近 "
           "注 办 布 门 铁 需 走 议 县 兵 固 除 般 引 齿 千 胜 细 影 济 白 格 效 置 推 空 配 刀 叶 "
           "率 述 今 选 养 德 话 查 差 半 敌 始 片 施 响 收 华 觉 备 名 红 续 均 药 标 记 难 存 测 "
           "士 身 紧 液 派 准 斤 角 降 维 板 许 破 述 技 消 底 床 田 势 端 感 往 神 便 贺 村 构 照 "
           "容 非 搞 亚 磨 族 火 段 算 适 讲 按 值 美 态 黄 易 彪 服 早 班 麦 削 信 排 台 声 该 击 "
           "素 张 密 害 侯 草 何 树 肥 继 右 属 市 严 径 螺 检 左 页 抗 苏 显 苦 英 快 称 坏 移 约 "
           "巴 材 省 黑 武 培 著 河 帝 仅 针 怎 植 京 助 升 王 眼 她 抓 含 苗 副 杂 普 谈 围 食 射 "
           "源 例 致 酸 旧 却 充 足 短 划 剂 宣 环 落 首 尺 波 承 粉 践 府 鱼 随 考 刻 靠 够 满 夫 "
           "失 包 住 促 枝 局 菌 杆 周 护 岩 师 举 曲 春 元 超 负 砂 封 换 太 模 贫 减 阳 扬 江 析 "
           "亩 木 言 球 朝 医 校 古 呢 稻 宋 听 唯 输 滑 站 另 卫 字 鼓 刚 写 刘 微 略 范 供 阿 块 "
           "某 功 套 友 限 项 余 倒 卷 创 律 雨 让 骨 远 帮 初 皮 播 优 占 死 毒 圈 伟 季 训 控 激 "
           "找 叫 云 互 跟 裂 粮 粒 母 练 塞 钢 顶 策 双 留 误 础 吸 阻 故 寸 盾 晚 丝 女 散 焊 功 "
           "株 亲 院 冷 彻 弹 错 散 商 视 艺 灭 版 烈 零 室 轻 血 倍 缺 厘 泵 察 绝 富 城 冲 喷 壤 "
           "简 否 柱 李 望 盘 磁 雄 似 困 巩 益 洲 脱 投 送 奴 侧 润 盖 挥 距 触 星 松 送 获 兴 独 "
           "官 混 纪 依 未 突 架 宽 冬 章 湿 偏 纹 吃 执 阀 矿 寨 责 熟 稳 夺 硬 价 努 翻 奇 甲 预 "
           "职 评 读 背 协 损 棉 侵 灰 虽 矛 厚 罗 泥 辟 告 卵 箱 掌 氧 恩 爱 停 曾 溶 营 终 纲 孟 "
           "钱 待 尽 俄 缩 沙 退 陈 讨 奋 械 载 胞 幼 哪 剥 迫 旋 征 槽 倒 握 担 仍 呀 鲜 吧 卡 粗 "
           "介 钻 逐 弱 脚 怕 盐 末 阴 丰 雾 冠 丙 街 莱 贝 辐 肠 付 吉 渗 瑞 惊 顿 挤 秒 悬 姆 烂 "
           "森 糖 圣 凹 陶 词 迟 蚕 亿 矩"),
       "。"},
      {"ar", 0.08, true,
       Split("ال من في على أن هذا كان قال إلى عن ما لا هو التي الذي مع كل بين عند"), "."},
      {"hi", 0.07, true, Split("के में की है और से को एक पर यह था कि लिए भी कर हैं ने तो गया"), "।"},
      {"th", 0.08, false, Split("การ ที่ และ ของ ใน ได้ มี ไม่ เป็น จะ ให้ ว่า คน นี้ ไป มา กับ แต่ ก็ ด้วย เรา"),
       " "},
  };
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed), scripts_(Scripts()) {
    std::vector<double> w;
    for (const auto& s : scripts_) w.push_back(s.weight);
    pick_script_ = std::discrete_distribution<size_t>(w.begin(), w.end());
  }

  std::string Document(uint64_t n) {
    const Script& s = scripts_[pick_script_(rng_)];
    // Log-normal length in bytes: median e^7.8 = 2.4 KB.
    double target = std::exp(std::normal_distribution<double>(7.8, 1.0)(rng_));
    target = std::min(target, 200000.0);
    std::string text;
    while (text.size() < target) {
      if (!text.empty()) text += "\n\n";
      int sentences = Uniform(2, 6);
      for (int i = 0; i < sentences && text.size() < target; ++i) {
        if (i > 0) text += s.spaces ? " " : "";
        text += Sentence(s);
      }
    }
    std::string out = "{\"id\":\"gen-" + std::to_string(n) + "\",\"text\":";
    saring::AppendJsonString(&out, text);
    out += ",\"source\":\"saring-bench\",\"metadata\":{\"url\":\"https://site" +
           std::to_string(Uniform(1, 5000)) + ".example/" + std::to_string(n) + "\",\"script\":\"" +
           s.name + "\"}}\n";
    return out;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string Sentence(const Script& s) {
    std::string out;
    int words = Uniform(5, 25);
    for (int w = 0; w < words; ++w) {
      if (w > 0 && s.spaces) out += ' ';
      int syllables = s.spaces ? Uniform(1, 4) : 1;
      for (int k = 0; k < syllables; ++k)
        out += s.syllables[Uniform(0, static_cast<int>(s.syllables.size()) - 1)];
    }
    if (s.spaces && !out.empty() && (out[0] >= 'a' && out[0] <= 'z'))
      out[0] = static_cast<char>(out[0] - 32);
    out += s.full_stop;
    return out;
  }

  std::mt19937_64 rng_;
  std::vector<Script> scripts_;
  std::discrete_distribution<size_t> pick_script_;
};

bool EndsWith(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bytes_arg, out_path;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--bytes")
      bytes_arg = argv[i + 1];
    else if (flag == "--out")
      out_path = argv[i + 1];
    else if (flag == "--seed")
      seed = std::stoull(argv[i + 1]);
  }
  uint64_t total = 0;
  if (bytes_arg.empty() || out_path.empty() || !saring::ParseByteSize(bytes_arg, &total).ok()) {
    std::fprintf(stderr, "usage: gen_corpus --bytes SIZE --out FILE.jsonl[.gz|.zst] [--seed N]\n");
    return 2;
  }
  saring::Compression kind = EndsWith(out_path, ".gz")    ? saring::Compression::kGzip
                             : EndsWith(out_path, ".zst") ? saring::Compression::kZstd
                                                          : saring::Compression::kNone;
  auto compressor = saring::NewFrameCompressor(kind, 0);
  std::FILE* f = std::fopen(out_path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(out_path.c_str());
    return 2;
  }
  Generator gen(seed);
  std::string chunk, frame;
  uint64_t written = 0, docs = 0;
  // 4 MB of JSONL per frame (gzip member / zstd frame).
  while (written < total) {
    chunk.clear();
    while (chunk.size() < (4u << 20) && written + chunk.size() < total)
      chunk += gen.Document(docs++);
    if (!compressor->Compress(chunk, &frame).ok() ||
        std::fwrite(frame.data(), 1, frame.size(), f) != frame.size()) {
      std::fprintf(stderr, "gen_corpus: cannot write %s\n", out_path.c_str());
      return 2;
    }
    written += chunk.size();
  }
  std::fclose(f);
  std::fprintf(stderr, "gen_corpus: %s: %llu documents, %.1f MB of JSONL\n", out_path.c_str(),
               static_cast<unsigned long long>(docs), static_cast<double>(written) / 1e6);
  return 0;
}
